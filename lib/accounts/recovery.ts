import "server-only";
import { hash } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { env } from "@/lib/env.mjs";
import { db } from "@/lib/db/prisma";
import { ApiError, errors } from "@/lib/http/errors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { enqueue } from "@/lib/jobs/queue";
import { assertMailConfigured } from "@/lib/mail/config";
import { sendMail } from "@/lib/mail/send";
import { limitAction } from "@/lib/rate-limit";
import { assertPasswordAcceptable } from "./passwords";
import { revokeSessions } from "./service";
import { clearLoginFailures } from "./throttle";
import type { PasswordResetBody, PasswordResetConfirmBody } from "./schemas";

// Account recovery (contract section 8, docs/accounts.md "Mail and account recovery").

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * POST /api/auth/password-reset. The request does the same work whatever the address: count it
 * against the limits (per address and per email, known or not), then queue one job. The job looks
 * the account up and sends the mail, so neither the lookup nor SMTP shows in the answer or its time.
 */
export async function requestPasswordReset(input: z.infer<typeof PasswordResetBody>, requestLocale: Locale): Promise<void> {
  assertMailConfigured();
  await limitAction("passwordReset", input.email);
  await enqueue("accounts.password_reset", { email: input.email, locale: requestLocale }, { maxAttempts: 3 });
}

/** The job behind requestPasswordReset: nothing happens for an unknown address. */
export async function passwordResetForEmail(email: string, locale: Locale): Promise<void> {
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (user) await issueReset(user.id, locale);
}

/**
 * Send the reset mail to a user (the admin's POST /api/admin/users/:id/password-reset): a new
 * one-hour link, in the user's saved language. MAIL_NOT_CONFIGURED without mail, 404 for no user.
 */
export async function sendPasswordReset(userId: string): Promise<void> {
  assertMailConfigured();
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw errors.notFound("User");
  await issueReset(user.id, DEFAULT_LOCALE);
}

async function issueReset(userId: string, fallbackLocale: Locale): Promise<void> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, locale: true } });
  const token = randomBytes(32).toString("base64url");
  await db().passwordResetToken.create({
    data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) },
  });
  const locale = isLocale(user.locale) ? user.locale : fallbackLocale;
  await sendMail({
    to: user.email,
    template: "password-reset",
    locale,
    data: { name: user.name, url: `${env().APP_URL}/reset-password?token=${token}`, minutes: RESET_TOKEN_TTL_MS / 60_000 },
  });
}

const invalidToken = () => new ApiError("INVALID_TOKEN", "This reset link is unknown, used or expired");

/**
 * POST /api/auth/password-reset/confirm: claim the token (once, atomically), set the password,
 * spend the user's other links, and revoke every session, token and socket.
 */
export async function confirmPasswordReset(input: z.infer<typeof PasswordResetConfirmBody>): Promise<void> {
  const tokenHash = sha256(input.token);
  const found = await db().passwordResetToken.findUnique({ where: { tokenHash } });
  const now = new Date();
  if (!found || found.usedAt || found.expiresAt <= now) throw invalidToken();
  // The same rules as every other new password; the token stays usable after a refusal.
  const owner = await db().user.findUnique({ where: { id: found.userId }, select: { email: true, username: true } });
  if (owner) assertPasswordAcceptable(input.password, owner);
  const passwordHash = await hash(input.password);
  const claimed = await db().passwordResetToken.updateMany({
    where: { id: found.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (!claimed.count) throw invalidToken();
  await db().$transaction([
    db().user.update({ where: { id: found.userId }, data: { passwordHash } }),
    db().passwordResetToken.updateMany({ where: { userId: found.userId, usedAt: null }, data: { usedAt: now } }),
  ]);
  await revokeSessions(found.userId);
  // Whoever proved they own the mailbox is not kept out by earlier failed sign-ins.
  await clearLoginFailures(`user:${found.userId}`);
}
