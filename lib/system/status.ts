import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { defineOperation } from "@/lib/openapi/operation";

const g = globalThis as unknown as { __m2gDraining?: boolean };

/** Set on SIGTERM: readiness turns false before the server stops accepting work. */
export function setDraining(value: boolean): void {
  g.__m2gDraining = value;
}
export const isDraining = () => g.__m2gDraining === true;

export async function databaseStatus(): Promise<{ reachable: boolean; latency_ms: number | null }> {
  const started = performance.now();
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return { reachable: true, latency_ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { reachable: false, latency_ms: null };
  }
}

const DatabaseStatus = z.object({ reachable: z.boolean(), latency_ms: z.number().nullable() });

export const healthOp = defineOperation({
  method: "GET",
  path: "/api/health",
  summary: "Liveness, and whether the database is reachable",
  description: "Always 200 while the process runs; `database.reachable` tells about PostgreSQL.",
  tags: ["system"],
  auth: "none",
  response: z.object({ status: z.literal("ok"), uptime_s: z.number(), database: DatabaseStatus }),
});

export const readyOp = defineOperation({
  method: "GET",
  path: "/api/ready",
  summary: "Readiness for a load balancer",
  description: "200 when this node takes traffic; 503 while draining on shutdown or when the database is unreachable.",
  tags: ["system"],
  auth: "none",
  response: z.object({ ready: z.boolean(), draining: z.boolean(), database: DatabaseStatus }),
  errors: [503],
});
