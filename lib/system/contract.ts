import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";

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
  errorPayload: { 503: z.object({ ready: z.literal(false), draining: z.boolean(), database: DatabaseStatus }) },
});

export const systemOperations = [healthOp, readyOp];
