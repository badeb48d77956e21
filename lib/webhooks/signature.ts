import { createHmac, timingSafeEqual } from "node:crypto";

// `X-Mem2gether-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (CONTRACT.md
// section 12). The timestamp is signed with the body so a captured request cannot be replayed
// later with a new `t`; receivers reject an old `t` (docs/webhooks.md).

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}

/** A receiver's check (used by the tests and shown in the docs): the header matches and `t` is recent. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  toleranceSeconds = 300,
  nowSeconds = Date.now() / 1000,
): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
