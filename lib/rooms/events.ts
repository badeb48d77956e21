// What the rooms domain says happened, as typed domain events (lib/events/bus.ts): `rooms.<name>`
// for each broadcast to a room's sockets, plus a participant leaving and a room closing.
// lib/realtime/listeners/rooms.ts decides the namespace and the sockets. Types only besides
// `publish`: the socket contract (lib/realtime/contract.ts, browser-safe) reads the payloads here.
import type { UserSummary } from "@/lib/accounts/schemas";
import { publish, type DomainEvents } from "@/lib/events/bus";
import type { HandJson, ModerationJson, PollJson, QuestionJson, QueueItemJson } from "./class-schemas";
import type { NoteJson, ParticipantJson, RoomMessageJson, YoutubeStateJson } from "./schemas";

/** The video state as sent since the queue exists (CONTRACT.md section 9). */
export type YoutubeStateWithQueue = YoutubeStateJson & { queue: QueueItemJson[]; skip_votes: number };

export interface ReactionJson {
  room_id: string;
  emoji: string;
  user: UserSummary;
  video_time?: number;
  at: string;
}

export interface ReactionGroupJson {
  emoji: string;
  count: number;
  /** Who sent them, each once. */
  user_ids: string[];
  video_time?: number;
}

export interface PhotoJson {
  id: string;
  upload_id: string;
  url: string;
  thumb_url: string;
  width: number;
  height: number;
  added_by: string | null;
  created_at: string;
}

/** `photos_state`: the queue in order and the photo everyone sees. */
export interface PhotosStateJson {
  room_id: string;
  queue: PhotoJson[];
  current_id: string | null;
}

/** Each room event's payload, as the room's sockets receive it (the event `rooms.<name>`). */
export interface RoomBroadcasts {
  participants: { room_id: string; participants: ParticipantJson[] };
  message_created: { message: RoomMessageJson };
  mode_changed: { room_id: string; mode: "chat" | "photos" | "youtube" };
  controls_changed: { room_id: string; controls: "everyone" | "host" };
  note_created: { note: NoteJson };
  note_deleted: { room_id: string; id: string };
  /** A room chat message removed by an administrator (lib/rooms/moderation.ts). */
  message_deleted: { room_id: string; id: string };
  host_changed: { room_id: string; host_id: string };
  photos_state: PhotosStateJson;
  youtube_state: YoutubeStateWithQueue;
  /** The tick's latest reaction in the contract's fields, and every reaction of the tick in `batch`. */
  reaction: ReactionJson & { batch: ReactionGroupJson[]; total: number };
}
export type RoomBroadcast = keyof RoomBroadcasts;

type RoomDomainEvents = { [E in RoomBroadcast as `rooms.${E}`]: { roomId: string; payload: RoomBroadcasts[E] } };

declare module "@/lib/events/bus" {
  interface DomainEvents extends RoomDomainEvents {
    /** The user left the room for good (or was taken out): their sockets stop hearing it. */
    "rooms.participant_left": { roomId: string; userId: string };
    /** The room closed: everyone in it hears `room_closed`, then nobody hears it any more. */
    "rooms.closed": { roomId: string };
    // Class interaction (lib/rooms/{polls,questions,hands,moderation,video-queue}.ts); the
    // listener (lib/realtime/listeners/class-room.ts) decides who hears what: the host's views
    // carry what participants must not see.
    /** `poll` for everyone, `hostPoll` (voters' names unless anonymous) for the host, `voter` for the one who voted. */
    "rooms.poll_updated": {
      roomId: string;
      hostId: string | null;
      poll: PollJson;
      hostPoll: PollJson;
      voter?: { userId: string; poll: PollJson };
    };
    /** `questions` hide anonymous authors; `hostQuestions` show them (the host's moderation). */
    "rooms.questions_updated": { roomId: string; hostId: string | null; questions: QuestionJson[]; hostQuestions: QuestionJson[] };
    "rooms.hands_updated": { roomId: string; hands: HandJson[] };
    /** `hostModeration` adds the banned users, for the host only. */
    "rooms.moderation_changed": { roomId: string; hostId: string | null; moderation: ModerationJson; hostModeration: ModerationJson };
    "rooms.participant_removed": { roomId: string; userId: string; banned: boolean };
    "rooms.video_state_changed": { roomId: string; state: YoutubeStateWithQueue; modeChanged: boolean };
  }
}

/** To every socket in the room (the namespace follows from the event). */
export function emitToRoom<E extends RoomBroadcast>(roomId: string, event: E, payload: RoomBroadcasts[E]): void {
  publish(`rooms.${event}`, { roomId, payload } as DomainEvents[`rooms.${E}`]);
}
