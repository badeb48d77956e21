import { loginAliasOp } from "@/lib/accounts/contract";
import { presentMe } from "@/lib/accounts/present";
import { tokenFor } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

// The meetings seed's path: `{email, password}` -> `{success, token, user}` (alias of POST /api/auth/token).
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(loginAliasOp, async ({ body }) => {
    const { user, token } = await tokenFor(body);
    return { token, user: presentMe(user) };
  }),
});
