import { env } from "@/lib/env.mjs";
import { json, routes } from "@/lib/http/handler";

const BODY = { success: true, items: Array.from({ length: 20 }, (_, i) => ({ id: `item-${i}`, value: i })) };

// The baseline of `npm run bench`: Next's own cost for a route handler that does nothing.
// Off unless BENCH_ROUTES is set, like any route that does not exist.
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async () =>
    env().BENCH_ROUTES ? json(BODY) : json({ success: false, error: "No API route at /api/bench/constant", code: "NOT_FOUND" }, 404),
});
