import "server-only";
import { errors } from "@/lib/http/errors";
import { isOwnOrigin, requestProto } from "@/lib/http/origin";
import { userForClaims, type AuthUser } from "@/lib/accounts/service";
import { authenticateApiToken, isApiTokenSecret } from "@/lib/api-tokens/service";
import type { Scope } from "@/lib/api-tokens/schemas";
import { readToken, sessionTokenFromCookieHeader } from "./tokens";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface Authenticated {
  user: AuthUser;
  via: "bearer" | "cookie" | "api_token";
  /** A personal access token's scopes and id; absent for sessions and password tokens (every right). */
  scopes?: Scope[];
  tokenId?: string;
}

/** A Bearer or socket token: a personal access token, or a session / password-derived token. */
export async function authenticateToken(token: string): Promise<Authenticated | null> {
  if (isApiTokenSecret(token)) {
    const found = await authenticateApiToken(token);
    return found && { user: found.user, via: "api_token", scopes: found.scopes, tokenId: found.tokenId };
  }
  const claims = await readToken(token);
  const user = claims && (await userForClaims(claims));
  return user ? { user, via: "bearer" } : null;
}

/**
 * Who is calling. An Authorization header, when present, is the only credential considered
 * (a stale cookie must never stand in for a bad Bearer token). Cookie-authenticated unsafe
 * requests must come from the app's own Origin (CSRF).
 */
export async function authenticateRequest(req: Request): Promise<Authenticated | null> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw errors.unauthenticated("Authorization must be `Bearer <token>`");
    const found = await authenticateToken(match[1]!);
    if (!found) throw errors.unauthenticated("Invalid or expired token");
    return found;
  }
  const token = sessionTokenFromCookieHeader(req.headers.get("cookie"));
  if (!token) return null;
  if (UNSAFE.has(req.method)) {
    const url = new URL(req.url);
    const proto = requestProto(req.headers.get("x-forwarded-proto"), url.protocol.replace(":", ""));
    if (!isOwnOrigin(req.headers.get("origin"), req.headers.get("host"), proto)) {
      throw errors.forbidden("Cross-origin request refused");
    }
  }
  const claims = await readToken(token);
  const user = claims && (await userForClaims(claims));
  return user ? { user, via: "cookie" } : null;
}
