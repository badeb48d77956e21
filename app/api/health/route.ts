import { handle, routes } from "@/lib/http/handler";
import { healthOp } from "@/lib/system/contract";
import { databaseStatus } from "@/lib/system/status";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(healthOp, async () => ({
    status: "ok",
    uptime_s: Math.round(process.uptime()),
    database: await databaseStatus(),
  })),
});
