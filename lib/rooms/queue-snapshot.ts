import "server-only";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import type { QueueItemJson } from "./class-schemas";

/** What `youtube_state` adds since the queue exists: the queue in order and the current video's skip votes. */
export async function queueSnapshot(code: string, videoId: string | null): Promise<{ queue: QueueItemJson[]; skip_votes: number }> {
  const [items, skipVotes] = await Promise.all([
    db().roomQueueItem.findMany({
      where: { roomId: code },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { addedBy: { select: userSummarySelect } },
      take: 200,
    }),
    videoId ? db().roomSkipVote.count({ where: { roomId: code, videoId } }) : 0,
  ]);
  return {
    queue: items.map((i) => ({ id: i.id, video_id: i.videoId, added_by: userSummary(i.addedBy), created_at: i.createdAt.toISOString() })),
    skip_votes: skipVotes,
  };
}
