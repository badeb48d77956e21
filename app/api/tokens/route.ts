import { createApiTokenOp, listApiTokensOp } from "@/lib/api-tokens/contract";
import { createApiToken, listApiTokens } from "@/lib/api-tokens/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listApiTokensOp, async ({ user }) => ({ api_tokens: await listApiTokens(user.id) })),
  POST: handle(createApiTokenOp, async ({ user, body }) => createApiToken(user.id, body)),
});
