// What a database error means, for the few callers that react to one (no imports: also used by
// lib/http/errors.ts, which the browser bundles).

/**
 * A unique constraint refused the write: Prisma's P2002, or PostgreSQL's 23505 from a raw query.
 * Usually a race another request won, or a generated key that collided (retry with a new one).
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || !err) return false;
  const code = (err as { code?: unknown }).code;
  return code === "P2002" || code === "23505";
}
