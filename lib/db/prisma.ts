import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseUrl, env } from "@/lib/env.mjs";

// server.ts and Next's route bundle are separate module graphs in one process: keep one client
// and one pool on globalThis so both share them.
const g = globalThis as unknown as { __m2gPrisma?: PrismaClient; __m2gPool?: pg.Pool };

function pool(): pg.Pool {
  if (g.__m2gPool) return g.__m2gPool;
  const connectionString = databaseUrl();
  if (!connectionString) throw new Error("DATABASE_URL is not set: the server sets it before serving");
  g.__m2gPool = new pg.Pool({ connectionString, max: env().DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (the database restarting) must not crash the process.
  g.__m2gPool.on("error", () => {});
  return g.__m2gPool;
}

export function db(): PrismaClient {
  return (g.__m2gPrisma ??= new PrismaClient({ adapter: new PrismaPg(pool(), { disposeExternalPool: true }) }));
}

// Prisma writes DateTime as UTC into `timestamp(3)` columns; read them back as UTC whatever the
// process's time zone (pg's default parser assumes local time).
const TIMESTAMP = 1114;
export const parseUtcTimestamp = (value: string): Date => new Date(`${value.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const statementNames = new Map<string, string>();

/** A stable name per statement text: PostgreSQL parses and plans it once per connection. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `m2g_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Plain SQL on the same pool, for the few hot paths where Prisma's per-call query compilation
 * dominates (see docs/decisions.md): one prepared statement, parameters by position, rows as
 * returned. `text` must be a constant (it names the prepared statement), never built from input.
 */
export async function sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
  db();
  const result = await pool().query<T>({ name: statementName(text), text, values, types });
  return result.rows;
}

export async function disconnectDb(): Promise<void> {
  const client = g.__m2gPrisma;
  g.__m2gPrisma = undefined;
  g.__m2gPool = undefined;
  await client?.$disconnect();
}

export type SqlRunner = <T extends object>(text: string, values?: unknown[]) => Promise<T[]>;

/**
 * A transaction of plain SQL on one connection of the same pool (prepared statements as with
 * `sql()`): for the group-committed writes that lock, insert and number in several statements.
 * Any error rolls back; a broken connection is destroyed rather than returned to the pool.
 */
export async function sqlTransaction<R>(fn: (run: SqlRunner) => Promise<R>): Promise<R> {
  db();
  const client = await pool().connect();
  const run: SqlRunner = async <T extends object>(text: string, values: unknown[] = []) =>
    (await client.query<T>({ name: statementName(text), text, values, types })).rows;
  try {
    await client.query("BEGIN");
    const result = await fn(run);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (err) {
    let broken: Error | undefined;
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    client.release(broken ?? (err instanceof Error && /Connection terminated|not queryable/i.test(err.message) ? err : undefined));
    throw err;
  }
}
