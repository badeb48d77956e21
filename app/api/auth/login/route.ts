import { authLoginAliasOp } from "@/lib/accounts/contract";
import { presentMe } from "@/lib/accounts/present";
import { tokenFor } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

// The direct-messages seed's path (deprecated alias of POST /api/auth/token).
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(authLoginAliasOp, async ({ body }) => {
    const { user, token, expiresAt } = await tokenFor(body);
    return { token, expires_at: expiresAt.toISOString(), user: presentMe(user) };
  }),
});
