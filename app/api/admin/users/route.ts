import { listUsersOp } from "@/lib/admin/contract";
import { listUsers, requireAdmin } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listUsersOp, async ({ user, query }) => {
    await requireAdmin(user.id);
    return listUsers(query);
  }),
});
