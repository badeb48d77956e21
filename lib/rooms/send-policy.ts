import "server-only";
import { db } from "@/lib/db/prisma";
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
  const [sanction, settings] = await Promise.all([
    db().roomSanction.findUnique({ where: { roomId_userId: { roomId: code, userId } } }),
    opts.slowMode ? db().roomModeration.findUnique({ where: { roomId: code } }) : null,
  ]);
  const now = Date.now();
  if (sanction?.mutedUntil && sanction.mutedUntil.getTime() > now)
    throw new ApiError("MUTED", `The host muted you until ${sanction.mutedUntil.toISOString()}`, {
      retryAfter: Math.ceil((sanction.mutedUntil.getTime() - now) / 1000),
    });
  const seconds = settings?.slowModeSeconds ?? 0;
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
