// Typed event maps of the five namespaces (CONTRACT.md section 4). Payload shapes of the
// handlers' data live with their domains; here only what crosses the wire.
import type { UserSummary } from "@/lib/accounts/schemas";
import type { ErrorCode } from "@/lib/http/errors";
import type { AuthUser } from "@/lib/accounts/service";
import type { ChosenStatus, PresenceStatus } from "@/lib/chat/schemas";
import type { MeetingJson } from "@/lib/meetings/schemas";
import type { YoutubeStateWithQueue } from "@/lib/rooms/class-events";
import type { HandJson, ModerationJson, PollJson, QuestionJson } from "@/lib/rooms/class-schemas";

export type AckOk<T extends object = object> = { success: true } & T;
export type AckErr = { success: false; error: string; code: ErrorCode; details?: Record<string, string[]> };
export type Ack<T extends object = object> = AckOk<T> | AckErr;
export type AckFn<T extends object = object> = (response: Ack<T>) => void;

/** Client events all take (payload, ack); the payload is validated by the handler's zod schema. */
export type ClientEvent = (payload: unknown, ack?: AckFn<Record<string, unknown>>) => void;

export interface SocketData {
  user: AuthUser;
  /** Handshake time, ms: the basis for "longest-present" and presence bookkeeping. */
  connectedAt: number;
  /** The caller's address at the handshake (lib/http/client-ip.ts), for per-address limits. */
  ip: string;
}

type Out<T> = (payload: T) => void;
// Server->client payloads are typed loosely here and precisely where each domain builds them.
type Json = Record<string, unknown>;

export interface RoomsServerEvents {
  participants: Out<{ room_id: string; participants: UserSummary[] }>;
  message_created: Out<{ message: Json }>;
  mode_changed: Out<{ room_id: string; mode: string }>;
  controls_changed: Out<{ room_id: string; controls: string }>;
  note_created: Out<{ note: Json }>;
  note_deleted: Out<{ room_id: string; id: string }>;
  /** A room chat message an administrator removed (a report resolved by deleting it). */
  message_deleted: Out<{ room_id: string; id: string }>;
  room_closed: Out<{ room_id: string }>;
  host_changed: Out<{ room_id: string; host_id: string }>;
  poll_updated: Out<{ poll: PollJson }>;
  questions_updated: Out<{ room_id: string; questions: QuestionJson[] }>;
  hands_updated: Out<{ room_id: string; hands: HandJson[] }>;
  moderation_changed: Out<ModerationJson>;
  participant_removed: Out<{ room_id: string; user_id: string; banned: boolean }>;
}
export type RoomsClientEvents = Record<
  | "join_room"
  | "leave_room"
  | "send_message"
  | "set_mode"
  | "set_controls"
  | "close_room"
  | "create_poll"
  | "vote"
  | "close_poll"
  | "ask_question"
  | "upvote_question"
  | "answer_question"
  | "delete_question"
  | "raise_hand"
  | "lower_hand"
  | "mute_participant"
  | "remove_participant"
  | "unban_user"
  | "set_slow_mode",
  ClientEvent
>;

export interface PhotosServerEvents {
  photos_state: Out<Json>;
}
export type PhotosClientEvents = Record<
  "join_room" | "add_photo" | "show_photo" | "next_photo" | "previous_photo" | "remove_photo" | "move_photo",
  ClientEvent
>;

export interface YoutubeServerEvents {
  youtube_state: Out<YoutubeStateWithQueue>;
}
export type YoutubeClientEvents = Record<
  | "join_room"
  | "load_video"
  | "play"
  | "pause"
  | "seek"
  | "set_rate"
  | "time_sync"
  | "queue_video"
  | "remove_queued"
  | "move_queued"
  | "vote_skip"
  | "video_ended",
  ClientEvent
>;

export interface ReactionsServerEvents {
  /** The tick's latest reaction in the contract's fields, and every reaction of the tick in `batch`. */
  reaction: Out<{
    room_id: string;
    emoji: string;
    user: UserSummary;
    video_time?: number;
    at: string;
    batch: { emoji: string; count: number; user_ids: string[]; video_time?: number }[];
    total: number;
  }>;
}
export type ReactionsClientEvents = Record<"join_room" | "react", ClientEvent>;

export interface ChatServerEvents {
  /** `my_status` only on connect (the user's own choice, for the header's menu). */
  presence_snapshot: Out<{ online_user_ids: string[]; statuses: Record<string, PresenceStatus>; my_status?: ChosenStatus }>;
  /** `my_status` only to the user's own tabs when their status changed. */
  presence_update: Out<{ user_id: string; online: boolean; status: PresenceStatus; last_seen: string | null; my_status?: ChosenStatus }>;
  message_created: Out<Json>;
  message_updated: Out<{ id: string; channel?: string; content: string | null; edited_at: string | null }>;
  message_deleted: Out<{ id: string; channel?: string; deleted_at: string }>;
  message_delivered: Out<{ id: string }>;
  message_read: Out<{ id: string }>;
  typing: Out<{ user_id: string; channel?: string; is_typing: boolean }>;
  reaction_updated: Out<{ id: string; channel?: string; reactions: { emoji: string; count: number; user_ids: string[] }[] }>;
  /** A channel's count (`channel`), or a direct conversation's (`conversation`, `with`). */
  unread_update: Out<{
    channel?: string;
    conversation?: string;
    with?: string;
    unread_count: number;
    last_seq?: number;
    last_message?: Json;
  }>;
  /** A channel's open sockets: someone became a member, or left. */
  member_joined: Out<{ channel: string; member: Json }>;
  member_left: Out<{ channel: string; user_id: string }>;
  /** This node missed other nodes' broadcasts (Redis was away): catch up by cursor. */
  resync: Out<{ reason: string }>;
  /** kind: mention | direct_message | added_to_channel */
  notification: Out<Json>;
  /** The instructor's view to the owner, a student's own view to each invitee. */
  meeting_updated: Out<{ meeting: MeetingJson }>;
}
export type ChatClientEvents = Record<
  | "join_channel"
  | "leave_channel"
  | "send_message"
  | "edit_message"
  | "delete_message"
  | "typing"
  | "mark_delivered"
  | "mark_read"
  | "react"
  | "set_status"
  | "set_idle",
  ClientEvent
>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Socket.IO's fourth type parameter: no inter-server events yet
export interface InterServerEvents {}
