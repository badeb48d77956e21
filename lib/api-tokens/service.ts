import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { ApiToken } from "@prisma/client";
import type { z } from "zod";
import { isAdministrator } from "@/lib/accounts/admins";
import type { AuthUser } from "@/lib/accounts/service";
import { db, sql } from "@/lib/db/prisma";
import { ApiError, errors } from "@/lib/http/errors";
import { apiTokenRevoked } from "./events";
import { MAX_TOKENS_PER_USER, type ApiTokenJson, type CreateTokenBody, type Scope } from "./schemas";

// Personal access tokens: `m2g_pat_` and 43 base64url characters (256 random bits). Only their
// SHA-256 is stored (a token has full entropy: a slow hash would add nothing but latency), and
// each use looks the row up, so a revoked token stops at once on every node.

export const TOKEN_PREFIX = "m2g_pat_";
/** `last_used_at` moves at most this often: a busy script does not write on every call. */
const LAST_USED_STEP_MS = 60_000;

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

export const isApiTokenSecret = (token: string) => token.startsWith(TOKEN_PREFIX);

export function presentApiToken(t: ApiToken): ApiTokenJson {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes as Scope[],
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt?.toISOString() ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
  };
}

/** A new token; its secret is in this answer only. `admin` is for administrators. */
export async function createApiToken(
  userId: string,
  input: z.infer<typeof CreateTokenBody>,
): Promise<{ token: string; api_token: ApiTokenJson }> {
  if (input.scopes.includes("admin")) {
    const user = await db().user.findUnique({ where: { id: userId } });
    if (!user || !isAdministrator(user)) throw errors.forbidden("Only administrators can give a token the admin scope");
  }
  if ((await db().apiToken.count({ where: { userId } })) >= MAX_TOKENS_PER_USER) {
    throw errors.conflict(`At most ${MAX_TOKENS_PER_USER} tokens: revoke one first`);
  }
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db().apiToken.create({
    data: {
      userId,
      name: input.name,
      scopes: input.scopes,
      secretHash: hashOf(secret),
      expiresAt: input.expires_in_days ? new Date(Date.now() + input.expires_in_days * 86_400_000) : null,
    },
  });
  return { token: secret, api_token: presentApiToken(row) };
}

export async function listApiTokens(userId: string): Promise<ApiTokenJson[]> {
  const rows = await db().apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(presentApiToken);
}

/** Revoked at once: the next call with it is refused, and the sockets it opened close. */
export async function revokeApiToken(userId: string, id: string): Promise<void> {
  const { count } = await db().apiToken.deleteMany({ where: { id, userId } });
  if (!count) throw errors.notFound("Token");
  apiTokenRevoked(id);
}

export interface TokenIdentity {
  user: AuthUser;
  scopes: Scope[];
  tokenId: string;
}

/** The account and scopes behind a token secret, or null (unknown, revoked, expired, account deactivated). */
export async function authenticateApiToken(secret: string): Promise<TokenIdentity | null> {
  if (!isApiTokenSecret(secret) || secret.length > 200) return null;
  const [row] = await sql<AuthUser & { tokenId: string; scopes: string[]; lastUsedAt: Date | null }>(
    `SELECT u.id, u.username, u.name, u.role::text AS role, u.token_version AS "tokenVersion",
            t.id AS "tokenId", t.scopes, t.last_used_at AS "lastUsedAt"
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.secret_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.deactivated_at IS NULL`,
    [hashOf(secret)],
  );
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_STEP_MS) {
    void sql(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.tokenId]).catch(() => {});
  }
  const { tokenId, scopes, lastUsedAt: _lastUsedAt, ...user } = row;
  return { user, scopes: scopes as Scope[], tokenId };
}

/** A personal access token's call outside its scopes. */
export function insufficientScope(needed: readonly Scope[] | null): ApiError {
  return new ApiError(
    "INSUFFICIENT_SCOPE",
    needed ? `This token needs the ${needed.join(" or ")} scope` : "A personal access token cannot do this: sign in instead",
  );
}
