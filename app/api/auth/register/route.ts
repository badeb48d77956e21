import { registerOp } from "@/lib/accounts/contract";
import { presentMe } from "@/lib/accounts/present";
import { register } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(registerOp, async ({ body }) => ({ user: presentMe(await register(body)) })),
});
