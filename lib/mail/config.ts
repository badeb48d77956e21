import "server-only";
import path from "node:path";
import { env } from "@/lib/env.mjs";
import { ApiError } from "@/lib/http/errors";

/** Where mail goes: an SMTP server, `.eml` files (development without SMTP_URL), or nowhere. */
export type MailMode = "smtp" | "files" | "off";

export function mailMode(): MailMode {
  const config = env();
  if (config.SMTP_URL) return "smtp";
  return config.isProduction ? "off" : "files";
}

/** False in production without SMTP_URL: features that need mail answer MAIL_NOT_CONFIGURED. */
export function isMailConfigured(): boolean {
  return mailMode() !== "off";
}

export function assertMailConfigured(): void {
  if (!isMailConfigured()) throw new ApiError("MAIL_NOT_CONFIGURED", "Mail is not configured on this server (SMTP_URL)");
}

/** The development outbox: one `.eml` per mail (and a `.json` summary the /dev/mail page lists). */
export function mailDir(): string {
  return path.join(env().DATA_DIR, "mail");
}
