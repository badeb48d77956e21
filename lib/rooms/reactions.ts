import "server-only";
import { userSummary } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import { queueReaction, type ReactionJson } from "./reaction-batch";
import { insertReaction } from "./reaction-store";
import { isSingleEmoji } from "./schemas";
import { requireOpenParticipant, requireParticipant } from "./access";

const TIMELINE_MAX = 5000;

/**
 * One emoji flying across everyone's screen, stamped with the video time in youtube mode.
 * Stored group-committed, broadcast with the room's other reactions of the same tick.
 * `joined`: the caller's /reactions socket is in the room's channel, which proves membership of
 * an open room (joining checks it; leaving and closing take sockets out), so the hot path skips
 * the lookups; the store still refuses a room closed meanwhile.
 */
export async function react(userId: string, code: string, emoji: string, joined = false): Promise<ReactionJson> {
  if (!isSingleEmoji(emoji)) throw errors.validation({ emoji: ["Must be exactly one emoji"] });
  if (!joined) await requireOpenParticipant(userId, code);
  await limitAction("reaction", userId);
  const stored = await insertReaction({ roomId: code, userId, emoji });
  if (!stored) throw errors.gone("This room is closed");
  const payload: ReactionJson = {
    room_id: code,
    emoji,
    user: userSummary(stored.user),
    ...(stored.videoTime !== undefined ? { video_time: stored.videoTime } : {}),
    at: stored.createdAt.toISOString(),
  };
  queueReaction(payload);
  return payload;
}

/** Where the room reacted along the current video: the timeline strip under the player. */
export async function reactionTimeline(userId: string, code: string) {
  const room = await requireParticipant(userId, code);
  if (!room.videoId) return { video_id: null, reactions: [] };
  const rows = await db().roomReaction.findMany({
    where: { roomId: code, videoId: room.videoId, videoTime: { not: null } },
    orderBy: { id: "desc" },
    take: TIMELINE_MAX,
    select: { emoji: true, videoTime: true },
  });
  return { video_id: room.videoId, reactions: rows.map((r) => ({ emoji: r.emoji, video_time: r.videoTime! })) };
}
