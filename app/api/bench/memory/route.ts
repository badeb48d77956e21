import { env } from "@/lib/env.mjs";
import { json, routes } from "@/lib/http/handler";

// `npm run bench`'s memory reading: the process's memory after a full collection (the bench
// starts the node with --expose-gc), so freed garbage does not blur the per-connection figure.
// Off unless BENCH_ROUTES is set.
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async () => {
    if (!env().BENCH_ROUTES) return json({ success: false, error: "No API route at /api/bench/memory", code: "NOT_FOUND" }, 404);
    (globalThis as { gc?: () => void }).gc?.();
    return json({ success: true, ...process.memoryUsage() });
  },
});
