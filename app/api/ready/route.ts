import { handle, json, routes } from "@/lib/http/handler";
import { readyOp } from "@/lib/system/contract";
import { databaseStatus, isDraining } from "@/lib/system/status";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(readyOp, async () => {
    const draining = isDraining();
    const database = await databaseStatus();
    const ready = !draining && database.reachable;
    if (ready) return { ready, draining, database };
    const error = draining ? "This node is shutting down" : "The database is unreachable";
    return json({ success: false, error, code: "UNAVAILABLE", ready, draining, database }, 503);
  }),
});
