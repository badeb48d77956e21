import { revokeApiTokenOp } from "@/lib/api-tokens/contract";
import { revokeApiToken } from "@/lib/api-tokens/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  DELETE: handle(revokeApiTokenOp, async ({ user, params }) => {
    await revokeApiToken(user.id, params.id);
    return {};
  }),
});
