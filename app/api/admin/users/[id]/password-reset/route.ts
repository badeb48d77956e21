import { adminPasswordResetOp } from "@/lib/admin/contract";
import { requireAdmin, sendResetMail } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(adminPasswordResetOp, async ({ user, params }) => {
    await sendResetMail(await requireAdmin(user.id), params.id);
    return {};
  }),
});
