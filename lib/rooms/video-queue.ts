import "server-only";
import type { Prisma, Room } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";
import { ApiError, errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import type { YoutubeStateWithQueue } from "./events";
import { presentVideoState, videoStateOf } from "./present";
import { queueSnapshot } from "./queue-snapshot";
import { requireControl, requireOpenParticipant } from "./access";
import { positionAt } from "./youtube-state";
import { parseYouTubeUrl } from "./youtube-url";

export const MAX_QUEUE = 100;

async function stateOf(room: Room): Promise<YoutubeStateWithQueue> {
  return { ...presentVideoState(room.id, videoStateOf(room)), ...(await queueSnapshot(room.id, room.videoId)) };
}

function announce(state: YoutubeStateWithQueue, modeChanged = false): YoutubeStateWithQueue {
  publish("rooms.video_state_changed", { roomId: state.room_id, state, modeChanged });
  return state;
}

/** The video fields of a freshly loaded video (auto-advance and skips start it playing). */
const loaded = (videoId: string | null, version: number, playing: boolean) => ({
  videoId,
  videoPlaying: playing && !!videoId,
  videoPosition: 0,
  videoRate: 1,
  videoUpdatedAt: new Date(),
  videoVersion: version + 1,
});

/**
 * A queue change under the room's row lock (as lib/rooms/service.ts videoAction): the queue is
 * part of `youtube_state`, so every change bumps `version` with the playback left where it is.
 */
async function changeQueue(code: string, change: (tx: Prisma.TransactionClient, room: Room) => Promise<Partial<Room> | void>) {
  const room = await db().$transaction(async (tx: Prisma.TransactionClient) => {
    await tx.$queryRaw`SELECT id FROM rooms WHERE id = ${code} FOR UPDATE`;
    const current = await tx.room.findUniqueOrThrow({ where: { id: code } });
    const now = Date.now();
    const data = (await change(tx, current)) ?? {
      videoPosition: positionAt(videoStateOf(current), now),
      videoUpdatedAt: new Date(now),
      videoVersion: current.videoVersion + 1,
    };
    return tx.room.update({ where: { id: code }, data });
  });
  return room;
}

/** Any participant adds; an empty player starts the video right away instead of queuing it. */
export async function queueVideo(userId: string, code: string, url: string): Promise<YoutubeStateWithQueue> {
  await requireOpenParticipant(userId, code);
  const parsed = parseYouTubeUrl(url);
  if (!parsed) throw new ApiError("INVALID_VIDEO", "That is not a YouTube URL or video id");
  await limitAction("interaction", userId);
  let modeChanged = false;
  const room = await changeQueue(code, async (tx, current) => {
    if (!current.videoId) {
      modeChanged = current.mode !== "youtube";
      return { ...loaded(parsed.videoId, current.videoVersion, false), videoPosition: parsed.start, mode: "youtube" };
    }
    const agg = await tx.roomQueueItem.aggregate({ where: { roomId: code }, _max: { position: true }, _count: true });
    if (agg._count >= MAX_QUEUE) throw errors.conflict(`The queue holds at most ${MAX_QUEUE} videos`);
    await tx.roomQueueItem.create({
      data: { roomId: code, videoId: parsed.videoId, addedById: userId, position: (agg._max.position ?? -1) + 1 },
    });
  });
  return announce(await stateOf(room), modeChanged);
}

/** Follows the room's controls; whoever added an item may always take it back. */
export async function removeQueued(userId: string, code: string, itemId: string): Promise<YoutubeStateWithQueue> {
  const room = await requireOpenParticipant(userId, code);
  const item = await db().roomQueueItem.findFirst({ where: { id: itemId, roomId: code } });
  if (!item) throw errors.notFound("Queued video");
  if (item.addedById !== userId) requireControl(room, userId);
  await limitAction("interaction", userId);
  const updated = await changeQueue(code, async (tx) => {
    await tx.roomQueueItem.deleteMany({ where: { id: itemId } });
  });
  return announce(await stateOf(updated));
}

/** Moves an item to `index` (0 = next up; past the end = last). Follows the room's controls. */
export async function moveQueued(userId: string, code: string, itemId: string, index: number): Promise<YoutubeStateWithQueue> {
  const room = await requireOpenParticipant(userId, code);
  requireControl(room, userId);
  await limitAction("interaction", userId);
  const updated = await changeQueue(code, async (tx) => {
    const items = await tx.roomQueueItem.findMany({ where: { roomId: code }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    const from = items.findIndex((i) => i.id === itemId);
    if (from < 0) throw errors.notFound("Queued video");
    const [moved] = items.splice(from, 1);
    items.splice(Math.min(index, items.length), 0, moved!);
    for (const [position, item] of items.entries())
      if (item.position !== position) await tx.roomQueueItem.update({ where: { id: item.id }, data: { position } });
  });
  return announce(await stateOf(updated));
}

/**
 * From `videoId` to the next queued video, once: the room row changes only if it still shows
 * that video at the version read (a conditional UPDATE, atomic in PostgreSQL across nodes), so
 * however many clients report the end, one report advances and the others find it done.
 * With an empty queue: `stopWhenEmpty` (a skip) clears the player; an end just stays ended.
 */
async function advance(code: string, videoId: string, stopWhenEmpty: boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const room = await db().room.findUniqueOrThrow({ where: { id: code } });
    if (room.videoId !== videoId) return false;
    const next = await db().roomQueueItem.findFirst({ where: { roomId: code }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    if (!next && !stopWhenEmpty) return false;
    const won = await db().$transaction(async (tx: Prisma.TransactionClient) => {
      const { count } = await tx.room.updateMany({
        where: { id: code, videoId, videoVersion: room.videoVersion },
        data: { ...loaded(next?.videoId ?? null, room.videoVersion, true), mode: "youtube" },
      });
      if (!count) return false;
      if (next) await tx.roomQueueItem.deleteMany({ where: { id: next.id } });
      await tx.roomSkipVote.deleteMany({ where: { roomId: code } });
      return true;
    });
    if (won) {
      const updated = await db().room.findUniqueOrThrow({ where: { id: code } });
      announce(await stateOf(updated), room.mode !== "youtube");
      return true;
    }
    // Another change (a pause, a seek, another report) came first: look again.
  }
  return false;
}

/** A client saw `videoId` end. Answers whether this report advanced the queue. */
export async function videoEnded(
  userId: string,
  code: string,
  videoId: string,
): Promise<{ advanced: boolean; state: YoutubeStateWithQueue }> {
  await requireOpenParticipant(userId, code);
  await limitAction("interaction", userId);
  const advanced = await advance(code, videoId, false);
  return { advanced, state: await stateOf(await db().room.findUniqueOrThrow({ where: { id: code } })) };
}

/**
 * A vote to skip the current video; it skips when more than half of `watchers` (the
 * participants watching now, given by the realtime layer) voted. Voting twice counts once.
 */
export async function voteSkip(
  userId: string,
  code: string,
  watchers: Set<string>,
): Promise<{ skipped: boolean; state: YoutubeStateWithQueue }> {
  const room = await requireOpenParticipant(userId, code);
  if (!room.videoId) throw errors.conflict("No video is playing");
  await limitAction("interaction", userId);
  await db().roomSkipVote.upsert({
    where: { roomId_userId: { roomId: code, userId } },
    create: { roomId: code, userId, videoId: room.videoId },
    update: { videoId: room.videoId },
  });
  const audience = new Set([...watchers, userId]);
  const votes = await db().roomSkipVote.count({ where: { roomId: code, videoId: room.videoId, userId: { in: [...audience] } } });
  let skipped = false;
  if (votes * 2 > audience.size) skipped = await advance(code, room.videoId, true);
  const current = await db().room.findUniqueOrThrow({ where: { id: code } });
  const state = await stateOf(current);
  if (!skipped) announce(state);
  return { skipped, state };
}
