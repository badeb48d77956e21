import "server-only";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Refuse (429) while the key has had too many failures in the window, right password or not. */
export async function assertLoginAllowed(key: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const recent = await db().loginFailure.findMany({
    where: { key, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: LOGIN_MAX_FAILURES,
    select: { createdAt: true },
  });
  if (recent.length < LOGIN_MAX_FAILURES) return;
  // Allowed again once the oldest of the last N failures leaves the window.
  const oldest = recent[recent.length - 1]!.createdAt.getTime();
  const retryAfter = (oldest + LOGIN_WINDOW_MS - Date.now()) / 1000;
  throw errors.rateLimited(retryAfter, "Too many failed sign-in attempts. Try again later.");
}

export async function recordLoginFailure(key: string): Promise<void> {
  await db().loginFailure.create({ data: { key } });
  // Keep the table small: anything outside the window no longer matters.
  if (Math.random() < 0.05) {
    await db().loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - LOGIN_WINDOW_MS) } } });
  }
}

export async function clearLoginFailures(key: string): Promise<void> {
  await db().loginFailure.deleteMany({ where: { key } });
}
