import { updateUserOp } from "@/lib/admin/contract";
import { requireAdmin, updateUser } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PATCH: handle(updateUserOp, async ({ user, params, body }) => ({ user: await updateUser(await requireAdmin(user.id), params.id, body) })),
});
