import { registerAliasOp } from "@/lib/accounts/contract";
import { presentMe } from "@/lib/accounts/present";
import { register } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

// The meetings seed's path (deprecated alias of POST /api/auth/register).
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(registerAliasOp, async ({ body }) => ({ user: presentMe(await register(body)) })),
});
