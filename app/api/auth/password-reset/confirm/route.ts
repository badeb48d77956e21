import { passwordResetConfirmOp } from "@/lib/accounts/contract";
import { confirmPasswordReset } from "@/lib/accounts/recovery";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(passwordResetConfirmOp, async ({ body }) => {
    await confirmPasswordReset(body);
    return {};
  }),
});
