import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";

// Webhook targets must not reach the app's own network (SSRF): a name is resolved and every
// address it gives is checked, at creation and again when each attempt connects (the check is
// the socket's own DNS lookup, so a name that rebinds to an internal address between the two is
// refused). WEBHOOK_ALLOW_PRIVATE=true lifts it for deployments whose receivers are internal.

type V4Range = [base: number, bits: number];

const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** Not on the public internet: "this" network, private, CGNAT, loopback, link-local, protocol assignments, benchmarking, multicast, reserved, broadcast. */
const V4_BLOCKED: V4Range[] = [
  [ip4(0, 0, 0, 0), 8],
  [ip4(10, 0, 0, 0), 8],
  [ip4(100, 64, 0, 0), 10],
  [ip4(127, 0, 0, 0), 8],
  [ip4(169, 254, 0, 0), 16],
  [ip4(172, 16, 0, 0), 12],
  [ip4(192, 0, 0, 0), 24],
  [ip4(192, 168, 0, 0), 16],
  [ip4(198, 18, 0, 0), 15],
  [ip4(224, 0, 0, 0), 4],
  [ip4(240, 0, 0, 0), 4],
];

function parseV4(address: string): number | null {
  const parts = address.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  return ip4(a, b, c, d);
}

function blockedV4(n: number): boolean {
  return V4_BLOCKED.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (n & mask) >>> 0 === (base & mask) >>> 0;
  });
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 included), or null. */
function parseV6(address: string): number[] | null {
  let text = address.split("%")[0]!.toLowerCase();
  // A trailing dotted IPv4 (::ffff:127.0.0.1) becomes its two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseV4(dotted[1]!);
    if (v4 === null) return null;
    text = `${text.slice(0, -dotted[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s ? s.split(":") : []);
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
  return [...head, ...Array<string>(fill).fill("0"), ...rest].map((g) => parseInt(g, 16));
}

function blockedV6(g: number[]): boolean {
  const v4 = (hi: number, lo: number) => (((hi << 16) >>> 0) + lo) >>> 0;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return true; // :: unspecified
  if (zeros(0, 7) && g[7] === 1) return true; // ::1 loopback
  // Addresses that carry an IPv4 address: judged by it (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96).
  if (zeros(0, 5) && g[5] === 0xffff) return blockedV4(v4(g[6]!, g[7]!));
  if (zeros(0, 6)) return blockedV4(v4(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return blockedV4(v4(g[6]!, g[7]!));
  // 6to4 (2002::/16) embeds an IPv4 address in its next 32 bits.
  if (g[0] === 0x2002) return blockedV4(v4(g[1]!, g[2]!));
  const first = g[0]!;
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  return false;
}

/** Whether an address (IPv4 or IPv6, brackets allowed) is private, loopback, link-local, unique-local, CGNAT, multicast, unspecified or reserved. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare.split("%")[0]!);
  if (family === 4) return blockedV4(parseV4(bare)!);
  if (family === 6) {
    const groups = parseV6(bare);
    return groups ? blockedV6(groups) : true;
  }
  return true; // not an address at all: never trusted
}

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefused";
  }
}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, list) => (err ? reject(err) : resolve(list))),
  );
}

/** The URL's host name as a bare address or name (IPv6 brackets off). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/**
 * Why this URL may not be a webhook target (null: it may). Every address the name resolves to
 * must be public, so a name that answers with one internal address among public ones is refused.
 */
export async function targetProblem(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Must be an http:// or https:// URL";
  if (allowPrivate) return null;
  const host = hostOf(url);
  if (isIP(host))
    return isPrivateAddress(host) ? "This address is private, loopback or otherwise internal: webhooks go to public addresses" : null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return "This host name does not resolve";
  }
  if (!addresses.length) return "This host name does not resolve";
  if (addresses.some((a) => isPrivateAddress(a.address)))
    return "This host name resolves to a private, loopback or otherwise internal address: webhooks go to public addresses";
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves like dns.lookup and refuses (an error on the socket)
 * when any address is internal, answering in either form Node asks for (`all` or one address).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string } | number, callback: LookupCallback): void => {
    const all = typeof options === "object" && options.all === true;
    resolveAll(hostname).then(
      (list) => {
        if (!list.length) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: "ENOTFOUND" }), all ? [] : "");
        if (!allowPrivate && list.some((a) => isPrivateAddress(a.address)))
          return callback(new TargetRefused(`${hostname} resolves to an internal address: refused`), all ? [] : "");
        if (all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, all ? [] : ""),
    );
  };
}
