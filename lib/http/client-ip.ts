import { isIP } from "node:net";

/**
 * The header server.ts sets on every request it hands to Next: the caller's address as this node
 * resolved it. Whatever a client sends under this name is overwritten.
 */
export const CLIENT_IP_HEADER = "x-m2g-client-ip";

type HeaderBag = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Who is calling, for per-address limits. Behind a proxy (TRUST_PROXY) that is what the proxy
 * saw: X-Real-IP, else the last X-Forwarded-For entry (the one our proxy appended; earlier ones
 * are the client's to forge). Otherwise the TCP peer. IPv6 callers count per /64, the block one
 * subscriber gets, so rotating addresses inside it does not escape the limits.
 */
export function resolveClientIp(headers: HeaderBag, remoteAddress: string | undefined, trustProxy: boolean): string {
  let candidate: string | undefined;
  if (trustProxy) {
    candidate = first(headers["x-real-ip"])?.trim();
    if (!candidate) candidate = first(headers["x-forwarded-for"])?.split(",").at(-1)?.trim();
  }
  return normalizeIp(candidate && isIP(stripMapped(candidate)) ? candidate : (remoteAddress ?? "unknown"));
}

const stripMapped = (ip: string) => (ip.toLowerCase().startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);

export function normalizeIp(raw: string): string {
  const ip = stripMapped(raw.trim());
  if (isIP(ip) !== 6) return ip;
  // Expand "::" and keep the first four groups.
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
