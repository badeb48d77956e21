import { auditPage } from "@/lib/admin/audit";
import { auditOp } from "@/lib/admin/contract";
import { requireAdmin } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(auditOp, async ({ user, query }) => {
    await requireAdmin(user.id);
    return auditPage(query);
  }),
});
