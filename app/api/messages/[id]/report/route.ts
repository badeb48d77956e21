import { reportMessageOp } from "@/lib/admin/contract";
import { reportMessage } from "@/lib/admin/reports";
import { handle, json, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(reportMessageOp, async ({ user, params, body }) => {
    const report = await reportMessage(user.id, params.id, body.reason);
    return json({ success: true, report_id: report.id }, 201);
  }),
});
