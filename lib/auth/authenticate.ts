import "server-only";
import { errors } from "@/lib/http/errors";
import { isOwnOrigin, requestProto } from "@/lib/http/origin";
import { userForClaims, type AuthUser } from "@/lib/accounts/service";
import { readToken, sessionTokenFromCookieHeader } from "./tokens";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface Authenticated {
  user: AuthUser;
  via: "bearer" | "cookie";
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
    const claims = await readToken(match[1]!);
    const user = claims && (await userForClaims(claims));
    if (!user) throw errors.unauthenticated("Invalid or expired token");
    return { user, via: "bearer" };
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
