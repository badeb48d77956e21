import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { errors } from "@/lib/http/errors";
import { PASSWORD_PROBLEMS, passwordProblem } from "./schemas";

// The ~49,000 most common passwords of public breach corpora (SecLists' ten-million list, as
// shipped by @zxcvbn-ts/language-common): nothing is fetched at run time. Only entries that the
// length rule lets through matter.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  return (common ??= new Set(dictionary["passwords-common"].filter((p) => p.length >= 8)));
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return commonPasswords().has(lower) || commonPasswords().has(lower.trim());
}

/**
 * Refuses (422, `details[field]`) a new password that is trivial, built on the account's own
 * username or email, or among the common and breached passwords (OWASP ASVS 5.0, 6.2.4 and 6.2.11).
 * Every path that sets a password calls it: registration, change, reset.
 */
export function assertPasswordAcceptable(password: string, who: { email?: string; username?: string }, field = "password"): void {
  const problem = passwordProblem(password, who) ?? (isCommonPassword(password) ? PASSWORD_PROBLEMS.common : null);
  if (problem) throw errors.validation({ [field]: [problem] }, "The password is not acceptable");
}
