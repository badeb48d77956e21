import "server-only";
import { userSummary } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import { emitToRoom } from "./events";
import { isSingleEmoji } from "./schemas";
import { currentVideoPosition, requireOpenParticipant, requireParticipant } from "./service";

const TIMELINE_MAX = 5000;

/** One emoji flying across everyone's screen, stamped with the video time in YouTube mode. */
export async function react(userId: string, code: string, emoji: string) {
  if (!isSingleEmoji(emoji)) throw errors.validation({ emoji: ["Must be exactly one emoji"] });
  const room = await requireOpenParticipant(userId, code);
  await limitAction("reaction", userId);
  const withVideo = room.mode === "youtube" && !!room.videoId;
  const videoTime = withVideo ? Math.round(currentVideoPosition(room) * 10) / 10 : undefined;
  const row = await db().roomReaction.create({
    data: { roomId: code, userId, emoji, videoId: withVideo ? room.videoId : null, videoTime },
    include: { user: true },
  });
  const payload = {
    room_id: code,
    emoji,
    user: userSummary(row.user),
    ...(videoTime !== undefined ? { video_time: videoTime } : {}),
    at: row.createdAt.toISOString(),
  };
  emitToRoom("/reactions", code, "reaction", payload);
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
