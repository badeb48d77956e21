import { env } from "@/lib/env.mjs";

/**
 * Is `origin` this app's own origin? That is the configured APP_URL, or the origin the request
 * was addressed to (scheme + Host), so http://127.0.0.1:3000 works as well as localhost.
 */
export function isOwnOrigin(origin: string | null | undefined, host: string | null | undefined, proto: string): boolean {
  if (!origin || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(env().APP_URL).origin) return true;
  return !!host && parsed.origin === `${proto}://${host}`;
}

/**
 * The scheme the caller used: the connection's own, or behind a trusted proxy its
 * X-Forwarded-Proto. HTTP requests and socket handshakes both decide it here.
 */
export function requestProto(forwardedProto: string | string[] | null | undefined, fallback: string): string {
  if (env().TRUST_PROXY) {
    const forwarded = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(",")[0]?.trim();
    if (forwarded === "http" || forwarded === "https") return forwarded;
  }
  return fallback;
}
