import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import { ApiToken, CreateTokenBody, MAX_TOKENS_PER_USER, TokenParams } from "./schemas";

const tags = ["accounts"];
const signedInOnly =
  "Signed-in users and password-derived tokens only: a personal access token cannot create, list or revoke tokens (403 INSUFFICIENT_SCOPE).";

export const createApiTokenOp = defineOperation({
  method: "POST",
  path: "/api/tokens",
  summary: "Create a personal access token",
  description: `A named, scoped credential for a script. \`token\` (\`m2g_pat_…\`) is in this answer only: it is stored hashed. Scopes: \`read\` (every GET but administration, and opening sockets), \`chat:write\`, \`rooms:write\`, \`meetings:write\`, \`admin\` (administrators only: the administration routes). A call outside the token's scopes answers 403 INSUFFICIENT_SCOPE. At most ${MAX_TOKENS_PER_USER} tokens per account (409). ${signedInOnly}`,
  tags,
  auth: "required",
  scope: null,
  body: CreateTokenBody,
  response: z.object({ token: z.string(), api_token: ApiToken }),
  status: 201,
  errors: [403, 409],
});

export const listApiTokensOp = defineOperation({
  method: "GET",
  path: "/api/tokens",
  summary: "My personal access tokens (newest first, never their secrets)",
  description: signedInOnly,
  tags,
  auth: "required",
  scope: null,
  response: z.object({ api_tokens: z.array(ApiToken) }),
  errors: [403],
});

export const revokeApiTokenOp = defineOperation({
  method: "DELETE",
  path: "/api/tokens/{id}",
  summary: "Revoke a personal access token",
  description: `At once on every node: the next call with it answers 401, and the sockets it opened close. ${signedInOnly}`,
  tags,
  auth: "required",
  scope: null,
  params: TokenParams,
  response: z.object({}),
  errors: [403, 404],
});

export const apiTokenOperations = [createApiTokenOp, listApiTokensOp, revokeApiTokenOp];
