import { createHash, randomBytes } from "node:crypto";

/**
 * A made-up client address per caller (per token; a fresh one when there is none). The test
 * servers trust X-Forwarded-For (TRUST_PROXY), so per-address limits count per user, as if
 * every student sat at their own machine; tests of those limits share one address on purpose.
 */
export function addressFor(key?: unknown): string {
  const h = createHash("sha1")
    .update(typeof key === "string" && key ? key : randomBytes(8))
    .digest();
  return `10.${h[0]}.${h[1]}.${h[2]}`;
}
