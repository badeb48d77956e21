// The one mapping from an error code (an API answer's or a socket ack's) to a sentence of the
// catalog: the server's own `error` sentence is English and for logs, never shown on the page.
import type { Translate } from "@/lib/i18n/translate";
import type { ApiResult } from "./api";

const CODES = [
  "VALIDATION_ERROR",
  "INVALID_VIDEO",
  "INVALID_TOKEN",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "ACCOUNT_DEACTIVATED",
  "PASSWORD_SIGNIN_DISABLED",
  "OIDC_EMAIL_UNVERIFIED",
  "MUTED",
  "INSUFFICIENT_SCOPE",
  "BANNED",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "GONE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RANGE_NOT_SATISFIABLE",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "MAIL_NOT_CONFIGURED",
  "INTERNAL",
  "TIMEOUT",
  "OFFLINE",
] as const;
type KnownCode = (typeof CODES)[number];

const isKnown = (code: string): code is KnownCode => (CODES as readonly string[]).includes(code);

/** The catalog sentence for a code; an unknown or missing code reads as the generic error. */
export function errorText(t: Translate, code: string | null | undefined): string {
  return code && isKnown(code) ? t(`errors.codes.${code}`) : t("errors.generic");
}

/** The sentence for a failed apiFetch: no answer at all is a network problem. */
export function apiErrorText(t: Translate, res: Extract<ApiResult<unknown>, { ok: false }>): string {
  if (res.network) return t("errors.network");
  return errorText(t, res.error?.code ?? (res.status === 429 ? "RATE_LIMITED" : res.status >= 500 ? "UNAVAILABLE" : null));
}
