import "server-only";
import { db, sql } from "@/lib/db/prisma";
import { ApiError, errors } from "@/lib/http/errors";

/**
 * Whether this participant may send now: a mute answers MUTED until it ends (it is stored, so it
 * outlasts reconnects and rejoins); slow mode (`messages`: room chat) answers RATE_LIMITED when
 * their last message is too recent. The host is never held back.
 */
export async function assertMaySend(
  userId: string,
  code: string,
  opts: { slowMode?: boolean; hostId?: string | null } = {},
): Promise<void> {
  // Every room send asks this: one prepared statement, not two ORM queries (which cut the
  // persisted acks of the bench to a quarter: docs/performance.md).
  const [state] = await sql<{ muted_until: Date | null; slow_mode_seconds: number | null }>(
    `select (select muted_until from room_sanctions where room_id = $1 and user_id = $2) as muted_until,
            (select slow_mode_seconds from room_moderation where room_id = $1) as slow_mode_seconds`,
    [code, userId],
  );
  const now = Date.now();
  const mutedUntil = state?.muted_until ?? null;
  if (mutedUntil && mutedUntil.getTime() > now)
    throw new ApiError("MUTED", `The host muted you until ${mutedUntil.toISOString()}`, {
      retryAfter: Math.ceil((mutedUntil.getTime() - now) / 1000),
    });
  const seconds = opts.slowMode ? (state?.slow_mode_seconds ?? 0) : 0;
  if (!seconds) return;
  const hostId =
    opts.hostId !== undefined ? opts.hostId : (await db().room.findUnique({ where: { id: code }, select: { hostId: true } }))?.hostId;
  if (hostId === userId) return;
  const last = await db().roomMessage.findFirst({
    where: { roomId: code, authorId: userId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const wait = last ? last.createdAt.getTime() + seconds * 1000 - now : 0;
  if (wait > 0) throw errors.rateLimited(wait / 1000, `Slow mode: one message every ${seconds} seconds`);
}
