import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db, sql } from "@/lib/db/prisma";
import { env } from "@/lib/env.mjs";
import { errors } from "@/lib/http/errors";
import { calendarIcs } from "./export";
import type { CalendarMeeting } from "./present";

// A calendar subscription: a secret address that answers the user's meetings as an iCalendar feed
// with no other credential (calendar apps fetch it on their own). 256 random bits; only the hash is
// stored; a new link replaces the old one, which then answers 404.

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** Past meetings stay in the feed this long, so a calendar keeps the recent history. */
const PAST_DAYS = 90;

export const calendarFeedPath = (secret: string) => `/api/calendar/${secret}.ics`;

/** A new secret address for the user's feed; the previous one stops working at once. */
export async function rotateCalendarLink(userId: string): Promise<{ url: string }> {
  const secret = randomBytes(32).toString("base64url");
  await db().calendarLink.upsert({
    where: { userId },
    create: { userId, secretHash: hashOf(secret) },
    update: { secretHash: hashOf(secret), createdAt: new Date() },
  });
  return { url: `${env().APP_URL}${calendarFeedPath(secret)}` };
}

/**
 * The feed behind a secret file name (`<secret>.ics`): the user's meetings from 90 days back
 * onwards, cancelled ones marked CANCELLED so subscribed calendars remove them. 404 for anything
 * else (an old, unknown or malformed secret, a deactivated account).
 */
export async function calendarFeed(file: string, now = new Date()): Promise<string> {
  const secret = file.endsWith(".ics") ? file.slice(0, -4) : file;
  if (!SECRET.test(secret)) throw errors.notFound("Calendar");
  const [owner] = await sql<{ id: string; role: string }>(
    `SELECT u.id, u.role::text AS role FROM calendar_links c JOIN users u ON u.id = c.user_id
      WHERE c.secret_hash = $1 AND u.deactivated_at IS NULL`,
    [hashOf(secret)],
  );
  if (!owner) throw errors.notFound("Calendar");
  const mine: Prisma.MeetingWhereInput =
    owner.role === "instructor"
      ? { instructorId: owner.id }
      : { participants: { some: { studentId: owner.id, removedAt: null, status: { not: "declined" } } } };
  const meetings: CalendarMeeting[] = await db().meeting.findMany({
    where: { ...mine, scheduledDate: { gte: new Date(now.getTime() - PAST_DAYS * 86_400_000) } },
    include: { instructor: { select: { email: true, name: true } } },
    orderBy: [{ scheduledDate: "asc" }, { id: "asc" }],
    take: 2000,
  });
  return calendarIcs(meetings, now);
}
