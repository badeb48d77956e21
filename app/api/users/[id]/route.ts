import { getUserOp } from "@/lib/accounts/contract";
import { getProfile } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(getUserOp, async ({ params }) => ({ user: await getProfile(params.id) })),
});
