import "server-only";
import { roomChannel, type AppNamespace } from "./registry";
import { ApiError } from "@/lib/http/errors";
import { MoveQueued, QueuedRef, QueueVideo, VideoEnded } from "@/lib/rooms/class-schemas";
import { LoadVideo, RoomRef, SetRate, TimeSync, VideoAt } from "@/lib/rooms/schemas";
import { moveQueued, queueVideo, removeQueued, videoEnded, voteSkip } from "@/lib/rooms/video-queue";
import { requireOpenParticipant } from "@/lib/rooms/access";
import { videoAction, videoState } from "@/lib/rooms/video";
import { parseYouTubeUrl } from "@/lib/rooms/youtube-url";
import { onEvent } from "./handler";
import { socketsIn } from "./registry";

/** `/youtube`: the server-authoritative video state (lib/rooms/youtube-state.ts). */
export function attachYoutube(nsp: AppNamespace<"/youtube">): void {
  nsp.on("connection", (socket) => {
    onEvent(socket, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await requireOpenParticipant(user.id, room_id);
      await socket.join(roomChannel(room_id));
      return { state: await videoState(user.id, room_id) };
    });

    onEvent(socket, "load_video", LoadVideo, async ({ room_id, url }, { user }) => {
      const parsed = parseYouTubeUrl(url);
      if (!parsed) throw new ApiError("INVALID_VIDEO", "That is not a YouTube URL or video id");
      return { state: await videoAction(user.id, room_id, { type: "load", videoId: parsed.videoId, start: parsed.start }) };
    });
    onEvent(socket, "play", VideoAt, async ({ room_id, position }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "play", position }),
    }));
    onEvent(socket, "pause", VideoAt, async ({ room_id, position }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "pause", position }),
    }));
    onEvent(socket, "seek", VideoAt, async ({ room_id, position }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "seek", position }),
    }));
    onEvent(socket, "set_rate", SetRate, async ({ room_id, rate }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "rate", rate }),
    }));

    // The queue (CONTRACT.md section 9, lib/rooms/video-queue.ts).
    onEvent(socket, "queue_video", QueueVideo, async ({ room_id, url }, { user }) => ({ state: await queueVideo(user.id, room_id, url) }));
    onEvent(socket, "remove_queued", QueuedRef, async ({ room_id, item_id }, { user }) => ({
      state: await removeQueued(user.id, room_id, item_id),
    }));
    onEvent(socket, "move_queued", MoveQueued, async ({ room_id, item_id, index }, { user }) => ({
      state: await moveQueued(user.id, room_id, item_id, index),
    }));
    onEvent(socket, "video_ended", VideoEnded, async ({ room_id, video_id }, { user }) => videoEnded(user.id, room_id, video_id));
    // The majority is of the participants watching now: those with a /youtube socket in the room, on any node.
    onEvent(socket, "vote_skip", RoomRef, async ({ room_id }, { user }) => {
      const watchers = await socketsIn("/youtube", roomChannel(room_id));
      return voteSkip(user.id, room_id, new Set(watchers.map((w) => w.data.user.id)));
    });

    // Clients estimate their offset to the server clock from this (NTP-style, with the RTT).
    onEvent(socket, "time_sync", TimeSync, async () => ({ server_now: Date.now() }));
  });
}
