import { logoutOp } from "@/lib/accounts/contract";
import { revokeSessions } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(logoutOp, async ({ user }) => {
    await revokeSessions(user.id);
    return {};
  }),
});
