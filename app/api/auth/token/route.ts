import { tokenOp } from "@/lib/accounts/contract";
import { presentMe } from "@/lib/accounts/present";
import { tokenFor } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(tokenOp, async ({ body }) => {
    const { user, token, expiresAt } = await tokenFor(body);
    return { token, expires_at: expiresAt.toISOString(), user: presentMe(user) };
  }),
});
