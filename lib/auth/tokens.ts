import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env.mjs";

/** What a token (browser session cookie or integrator Bearer token) carries. */
export interface TokenClaims {
  sub: string;
  /** The user's token version when issued: a bump revokes every older token at once. */
  tv: number;
  role: "student" | "instructor";
  username: string;
  name: string;
}

export function sessionMaxAgeSeconds(): number {
  return env().SESSION_MAX_AGE_DAYS * 24 * 60 * 60;
}

/** Same format as next-auth's session token (JWE keyed from NEXTAUTH_SECRET): one verifier for both. */
export async function issueToken(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
  const maxAge = sessionMaxAgeSeconds();
  const token = await encode({ token: { ...claims }, secret: env().NEXTAUTH_SECRET, maxAge });
  return { token, expiresAt: new Date(Date.now() + maxAge * 1000) };
}

// Decrypting a token (key derivation + AES-GCM) is a fixed cost per request; the same token
// comes back on every request of a session. Valid tokens are remembered until they expire (the
// revocation check against the account still runs on every use), bounded, oldest dropped first.
const decoded = new Map<string, { claims: TokenClaims; expiresAt: number }>();
const DECODED_MAX = 10_000;

export async function readToken(token: string): Promise<TokenClaims | null> {
  if (!token || token.length > 4096) return null;
  const known = decoded.get(token);
  if (known && known.expiresAt > Date.now()) return known.claims;
  if (known) decoded.delete(token);
  try {
    const payload = await decode({ token, secret: env().NEXTAUTH_SECRET });
    if (!payload || typeof payload.sub !== "string" || typeof payload.tv !== "number") return null;
    const claims = payload as unknown as TokenClaims;
    if (typeof payload.exp === "number") {
      if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
      decoded.set(token, { claims, expiresAt: payload.exp * 1000 });
    }
    return claims;
  } catch {
    return null;
  }
}

export function sessionCookieName(): string {
  return env().APP_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session token from a Cookie header (next-auth splits large cookies into .0, .1, ...). */
export function sessionTokenFromCookieHeader(header: string | null | undefined): string | null {
  if (!header) return null;
  const name = sessionCookieName();
  const jar = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (key === name || key.startsWith(`${name}.`)) jar.set(key, decodeURIComponent(part.slice(eq + 1).trim()));
  }
  if (jar.has(name)) return jar.get(name) ?? null;
  const chunks: string[] = [];
  for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`) ?? "");
  return chunks.length ? chunks.join("") : null;
}
