import { errors } from "./errors";

const MAX_DEPTH = 64;
// NUL, or a surrogate without its other half.
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Client text must be well-formed Unicode without NUL: PostgreSQL cannot store U+0000 in text,
 * and a lone surrogate is not a character. Found anywhere in a payload, it is the client's error
 * (VALIDATION_ERROR naming the field), checked before any schema or domain sees the value.
 */
export function assertCleanText(value: unknown, path: (string | number)[] = []): void {
  if (typeof value === "string") {
    if (BAD_TEXT.test(value)) {
      throw errors.validation({ [path.join(".") || "payload"]: ["Must not contain NUL characters or invalid Unicode"] });
    }
    return;
  }
  if (typeof value !== "object" || value === null || path.length > MAX_DEPTH) return;
  if (Array.isArray(value)) value.forEach((v, i) => assertCleanText(v, [...path, i]));
  else
    for (const [k, v] of Object.entries(value)) {
      assertCleanText(k, [...path, k]);
      assertCleanText(v, [...path, k]);
    }
}
