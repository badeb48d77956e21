import { listReportsOp } from "@/lib/admin/contract";
import { listReports } from "@/lib/admin/reports";
import { requireAdmin } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listReportsOp, async ({ user, query }) => {
    await requireAdmin(user.id);
    return { reports: await listReports(query.status) };
  }),
});
