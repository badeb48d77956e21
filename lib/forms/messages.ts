// Field errors in the reader's language. The zod schemas (shared with the API) carry English
// messages, and the API's `details` are English too: both are turned into catalog texts here,
// from the issue's code for zod, and from the known sentences for the server.
import type { z } from "zod";
import { PASSWORD_PROBLEMS } from "@/lib/accounts/schemas";
import type { PlainKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";

export type FieldErrors = Record<string, string>;

/** Field-specific wording for formats and custom rules: field -> catalog text. */
const FORMAT_BY_FIELD: Record<string, PlainKey> = {
  username: "validation.username",
  email: "validation.email",
};

export function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  const field = String(issue.path[issue.path.length - 1] ?? "");
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "int" ? t("validation.wholeNumber") : t("validation.required");
    case "too_small":
      if (issue.origin === "number") return t("validation.minNumber", { min: Number(issue.minimum) });
      return Number(issue.minimum) <= 1 ? t("validation.required") : t("validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "number") return t("validation.maxNumber", { max: Number(issue.maximum) });
      return t("validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_format":
      if (issue.format === "datetime") return t("validation.dateTime");
      return issue.format === "email" ? t("validation.email") : t(FORMAT_BY_FIELD[field] ?? "validation.invalid");
    case "custom":
      if (field === "current_password") return t("validation.currentPasswordRequired");
      if (SERVER_SENTENCES[issue.message]) return t(SERVER_SENTENCES[issue.message]!);
      return t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** First message per field, in the reader's language. */
export function zodFieldErrors(error: z.ZodError, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    out[key] ??= issueMessage(issue, t);
  }
  return out;
}

// The API's English sentences (lib/accounts/service.ts and the shared schemas) -> catalog texts.
const SERVER_SENTENCES: Record<string, PlainKey> = {
  "Already registered": "validation.emailTaken",
  "Already taken": "validation.usernameTaken",
  "Incorrect password": "validation.incorrectPassword",
  [PASSWORD_PROBLEMS.trivial]: "validation.passwordTrivial",
  [PASSWORD_PROBLEMS.personal]: "validation.passwordPersonal",
  [PASSWORD_PROBLEMS.common]: "validation.passwordCommon",
  "Invalid instructor sign-up code": "validation.instructorCode",
  "Must be a valid email address": "validation.email",
  "Only letters, digits, dots, dashes and underscores": "validation.username",
  "Must not be empty": "validation.required",
  Required: "validation.required",
  "Required to change the password": "validation.currentPasswordRequired",
  // meetings (lib/meetings/schemas.ts, service.ts)
  "Must not be in the past": "validation.pastDate",
  "Must be within the next two years": "validation.tooFarAhead",
  "Must be a whole number of minutes": "validation.wholeNumber",
  "Required: a whole number of minutes": "validation.required",
  "Must be an ISO 8601 date and time, e.g. 2030-11-01T14:00:00Z": "validation.dateTime",
  "Required: an ISO 8601 date and time, e.g. 2030-11-01T14:00:00Z": "validation.dateTime",
};

export function serverMessage(sentence: string, t: Translate): string {
  const known = SERVER_SENTENCES[sentence];
  if (known) return t(known);
  const min = /^Must be at least (\d+) characters$/.exec(sentence);
  if (min) return t("validation.tooShort", { min: Number(min[1]) });
  const max = /^Must be at most (\d+) characters$/.exec(sentence);
  if (max) return t("validation.tooLong", { max: Number(max[1]) });
  const minMinutes = /^Must be at least (\d+) minutes?$/.exec(sentence);
  if (minMinutes) return t("validation.minNumber", { min: Number(minMinutes[1]) });
  const maxMinutes = /^Must be at most (\d+) minutes\b/.exec(sentence);
  if (maxMinutes) return t("validation.maxNumber", { max: Number(maxMinutes[1]) });
  return sentence; // an unknown detail is still better shown in English than hidden
}

/** The server's per-field `details` as form errors. */
export function serverFieldErrors(details: Record<string, string[]> | undefined, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(details ?? {})) {
    if (messages[0]) out[field] = serverMessage(messages[0], t);
  }
  return out;
}
