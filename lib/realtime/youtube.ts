import "server-only";
import { roomChannel } from "./registry";
import type { Namespace, Socket } from "socket.io";
import { ApiError } from "@/lib/http/errors";
import { LoadVideo, RoomRef, SetRate, VideoAt } from "@/lib/rooms/schemas";
import { requireOpenParticipant, videoAction, videoState } from "@/lib/rooms/service";
import { parseYouTubeUrl } from "@/lib/rooms/youtube-url";
import { z } from "zod";
import { onEvent } from "./handler";
import type { SocketData, YoutubeClientEvents, YoutubeServerEvents } from "./types";

type YoutubeSocket = Socket<YoutubeClientEvents, YoutubeServerEvents, never, SocketData>;

/** `/youtube`: the server-authoritative video state (lib/rooms/youtube-state.ts). */
export function attachYoutube(nsp: Namespace): void {
  nsp.on("connection", (raw) => {
    const socket = raw as unknown as YoutubeSocket;
    const s = socket as never;

    onEvent(s, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await requireOpenParticipant(user.id, room_id);
      await socket.join(roomChannel(room_id));
      return { state: await videoState(user.id, room_id) };
    });

    onEvent(s, "load_video", LoadVideo, async ({ room_id, url }, { user }) => {
      const parsed = parseYouTubeUrl(url);
      if (!parsed) throw new ApiError("INVALID_VIDEO", "That is not a YouTube URL or video id");
      return { state: await videoAction(user.id, room_id, { type: "load", videoId: parsed.videoId, start: parsed.start }) };
    });
    onEvent(s, "play", VideoAt, async ({ room_id, position }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "play", position }),
    }));
    onEvent(s, "pause", VideoAt, async ({ room_id, position }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "pause", position }),
    }));
    onEvent(s, "seek", VideoAt, async ({ room_id, position }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "seek", position }),
    }));
    onEvent(s, "set_rate", SetRate, async ({ room_id, rate }, { user }) => ({
      state: await videoAction(user.id, room_id, { type: "rate", rate }),
    }));

    // Clients estimate their offset to the server clock from this (NTP-style, with the RTT).
    onEvent(s, "time_sync", z.object({}).optional(), async () => ({ server_now: Date.now() }));
  });
}
