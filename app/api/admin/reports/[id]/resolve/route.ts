import { resolveReportOp } from "@/lib/admin/contract";
import { resolveReport } from "@/lib/admin/reports";
import { requireAdmin } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(resolveReportOp, async ({ user, params, body }) => ({
    report: await resolveReport(await requireAdmin(user.id), params.id, body.action),
  })),
});
