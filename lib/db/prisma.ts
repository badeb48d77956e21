import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

// server.ts and Next's route bundle are separate module graphs in one process: keep one client
// (one pool) on globalThis so both share it.
const g = globalThis as unknown as { __m2gPrisma?: PrismaClient };

function create(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the server sets it before serving");
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  return (g.__m2gPrisma ??= create());
}

export async function disconnectDb(): Promise<void> {
  const client = g.__m2gPrisma;
  g.__m2gPrisma = undefined;
  await client?.$disconnect();
}
