// The socket contract (CONTRACT.md section 4), one per namespace, shared by the server
// (lib/realtime/*) and the browser (components/realtime/RealtimeProvider.tsx): each client event
// with its zod schema (the payload is its z.input) and its ack's data, each server event with its
// payload. A renamed field fails the typecheck on both sides. Browser-safe: types and schemas only.
import type { z } from "zod";
import type { ErrorCode } from "@/lib/http/errors";
import type { ChatBroadcasts, ChatNotification } from "@/lib/chat/events";
import type {
  ChosenStatus,
  EditMessage,
  JoinChannel,
  PresenceStatus,
  SetIdle,
  SetStatus,
  MarkRead,
  MessageRef,
  ReactToMessage,
  SendMessage,
  Typing,
  ChannelJson,
  ChannelMemberJson,
  ChatMessageJson,
  ReactionGroupJson,
} from "@/lib/chat/schemas";
import type { MeetingJson } from "@/lib/meetings/schemas";
import type { OwnBreakoutJson } from "@/lib/meetings/breakout-schemas";
import type { YoutubeStateWithQueue } from "@/lib/rooms/events";
import type {
  AskQuestion,
  CreatePoll,
  HandJson,
  LowerHand,
  ModerationJson,
  MoveQueued,
  MuteParticipant,
  PollJson,
  PollRef,
  QuestionJson,
  QuestionRef,
  QueuedRef,
  QueueVideo,
  RaiseHand,
  RemoveParticipant,
  SetSlowMode,
  UnbanUser,
  VideoEnded,
  Vote,
} from "@/lib/rooms/class-schemas";
import type { PhotosStateJson, ReactionJson, RoomBroadcasts } from "@/lib/rooms/events";
import type {
  AddPhoto,
  LoadVideo,
  MovePhoto,
  NoteJson,
  ParticipantJson,
  PhotoRef,
  React,
  RoomJson,
  RoomMessageJson,
  RoomRef,
  SendRoomMessage,
  SetControls,
  SetMode,
  SetRate,
  TimeSync,
  VideoAt,
} from "@/lib/rooms/schemas";

export const NAMESPACES = ["/rooms", "/photos", "/youtube", "/reactions", "/chat"] as const;
export type NamespaceName = (typeof NAMESPACES)[number];

export type AckOk<T extends object = object> = { success: true } & T;
export type AckErr = { success: false; error: string; code: ErrorCode; details?: Record<string, string[]> };
export type Ack<T extends object = object> = AckOk<T> | AckErr;
export type AckFn<T extends object = object> = (response: Ack<T>) => void;

/** A client event: the schema its payload is validated with, and what a successful ack carries. */
interface Call<S extends z.ZodType, A extends object> {
  schema: S;
  ack: A;
}

type State<T> = { state: T };
type Empty = Record<never, never>;

export interface RoomsCalls {
  join_room: Call<
    typeof RoomRef,
    {
      room: RoomJson;
      participants: ParticipantJson[];
      messages: RoomMessageJson[];
      notes: NoteJson[];
      polls: PollJson[];
      questions: QuestionJson[];
      hands: HandJson[];
      moderation: ModerationJson;
    }
  >;
  leave_room: Call<typeof RoomRef, Empty>;
  send_message: Call<typeof SendRoomMessage, { message: RoomMessageJson }>;
  set_mode: Call<typeof SetMode, { room: RoomJson }>;
  set_controls: Call<typeof SetControls, { room: RoomJson }>;
  close_room: Call<typeof RoomRef, { room: RoomJson }>;
  // Class interaction (CONTRACT.md section 9).
  create_poll: Call<typeof CreatePoll, { poll: PollJson }>;
  vote: Call<typeof Vote, { poll: PollJson }>;
  close_poll: Call<typeof PollRef, { poll: PollJson }>;
  ask_question: Call<typeof AskQuestion, { question: QuestionJson }>;
  upvote_question: Call<typeof QuestionRef, { upvoted: boolean; questions: QuestionJson[] }>;
  answer_question: Call<typeof QuestionRef, { questions: QuestionJson[] }>;
  delete_question: Call<typeof QuestionRef, { questions: QuestionJson[] }>;
  raise_hand: Call<typeof RaiseHand, { hands: HandJson[] }>;
  lower_hand: Call<typeof LowerHand, { hands: HandJson[] }>;
  mute_participant: Call<typeof MuteParticipant, { moderation: ModerationJson }>;
  remove_participant: Call<typeof RemoveParticipant, Empty>;
  unban_user: Call<typeof UnbanUser, { moderation: ModerationJson }>;
  set_slow_mode: Call<typeof SetSlowMode, { moderation: ModerationJson }>;
}

export interface PhotosCalls {
  join_room: Call<typeof RoomRef, State<PhotosStateJson>>;
  add_photo: Call<typeof AddPhoto, State<PhotosStateJson>>;
  show_photo: Call<typeof PhotoRef, State<PhotosStateJson>>;
  next_photo: Call<typeof RoomRef, State<PhotosStateJson>>;
  previous_photo: Call<typeof RoomRef, State<PhotosStateJson>>;
  remove_photo: Call<typeof PhotoRef, State<PhotosStateJson>>;
  move_photo: Call<typeof MovePhoto, State<PhotosStateJson>>;
}

type VideoState = State<YoutubeStateWithQueue>;
export interface YoutubeCalls {
  join_room: Call<typeof RoomRef, VideoState>;
  load_video: Call<typeof LoadVideo, VideoState>;
  play: Call<typeof VideoAt, VideoState>;
  pause: Call<typeof VideoAt, VideoState>;
  seek: Call<typeof VideoAt, VideoState>;
  set_rate: Call<typeof SetRate, VideoState>;
  time_sync: Call<typeof TimeSync, { server_now: number }>;
  queue_video: Call<typeof QueueVideo, VideoState>;
  remove_queued: Call<typeof QueuedRef, VideoState>;
  move_queued: Call<typeof MoveQueued, VideoState>;
  video_ended: Call<typeof VideoEnded, VideoState & { advanced: boolean }>;
  vote_skip: Call<typeof RoomRef, VideoState & { skipped: boolean }>;
}

export interface ReactionTimelineJson {
  video_id: string | null;
  reactions: { emoji: string; video_time: number }[];
}

export interface ReactionsCalls {
  join_room: Call<typeof RoomRef, { timeline: ReactionTimelineJson }>;
  react: Call<typeof React, { reaction: ReactionJson }>;
}

export interface ChatCalls {
  join_channel: Call<
    typeof JoinChannel,
    {
      channel: ChannelJson;
      members: ChannelMemberJson[];
      members_next_cursor: string | null;
      messages: ChatMessageJson[];
      next_cursor: string | null;
    }
  >;
  leave_channel: Call<typeof JoinChannel, Empty>;
  send_message: Call<typeof SendMessage, { message: ChatMessageJson }>;
  edit_message: Call<typeof EditMessage, { message: ChatMessageJson }>;
  delete_message: Call<typeof MessageRef, { message: ChatMessageJson }>;
  typing: Call<typeof Typing, Empty>;
  mark_delivered: Call<typeof MessageRef, { id: string; status: "delivered" | "read" }>;
  mark_read: Call<
    typeof MarkRead,
    { id: string; status: "read"; read_ids: string[] } | { channel: string; unread_count: number; last_seq: number }
  >;
  react: Call<typeof ReactToMessage, { id: string; channel?: string; reactions: ReactionGroupJson[] }>;
  set_status: Call<typeof SetStatus, { status: ChosenStatus; presence: PresenceStatus }>;
  set_idle: Call<typeof SetIdle, Empty>;
}

type RoomClosed = { room_closed: { room_id: string } };
type Pick2<T, K extends keyof T> = { [P in K]: T[P] };

/** Each namespace's server-to-client payloads. */
export interface Broadcasts {
  "/rooms": Pick2<
    RoomBroadcasts,
    | "participants"
    | "message_created"
    | "mode_changed"
    | "controls_changed"
    | "note_created"
    | "note_deleted"
    | "message_deleted"
    | "host_changed"
  > &
    RoomClosed & {
      poll_updated: { poll: PollJson };
      questions_updated: { room_id: string; questions: QuestionJson[] };
      hands_updated: { room_id: string; hands: HandJson[] };
      moderation_changed: ModerationJson;
      participant_removed: { room_id: string; user_id: string; banned: boolean };
    };
  "/photos": Pick2<RoomBroadcasts, "photos_state"> & RoomClosed;
  "/youtube": { youtube_state: YoutubeStateWithQueue } & RoomClosed;
  "/reactions": Pick2<RoomBroadcasts, "reaction"> & RoomClosed;
  "/chat": ChatBroadcasts & {
    /** This node missed other nodes' broadcasts (Redis was away): catch up by cursor. */
    resync: { reason: string };
    /** The instructor's view to the owner, a student's own view to each invitee. */
    meeting_updated: { meeting: MeetingJson };
    /** A student's breakout group (lib/meetings/breakouts.ts), or null: back in the main meeting. */
    meeting_breakout: { meeting_id: string; breakout: OwnBreakoutJson | null };
  };
}

/** Each namespace's client events. */
export interface Calls {
  "/rooms": RoomsCalls;
  "/photos": PhotosCalls;
  "/youtube": YoutubeCalls;
  "/reactions": ReactionsCalls;
  "/chat": ChatCalls;
}

type AnyCall = Call<z.ZodType, object>;
export type ClientEventName<N extends NamespaceName> = keyof Calls[N] & string;
type CallOf<N extends NamespaceName, E extends ClientEventName<N>> = Calls[N][E] extends AnyCall ? Calls[N][E] : never;
/** The zod schema of a client event's payload. */
export type PayloadSchema<N extends NamespaceName, E extends ClientEventName<N>> = CallOf<N, E>["schema"];
/** What the client sends (before parsing: defaults may be left out). */
export type Payload<N extends NamespaceName, E extends ClientEventName<N>> = z.input<PayloadSchema<N, E>>;
/** A successful ack's data. */
export type AckData<N extends NamespaceName, E extends ClientEventName<N>> = CallOf<N, E>["ack"];

/** Socket.IO's event maps: listen (client to server) and emit (server to client) of a namespace. */
export type ClientEvents<N extends NamespaceName> = {
  [E in ClientEventName<N>]: ClientEvent<PayloadSchema<N, E>, AckData<N, E>>;
};

/** A client event's listener; the schema and ack data ride along (type-only) for `onEvent`. */
export type ClientEvent<S extends z.ZodType, A extends object> = ((payload: z.input<S>, ack?: AckFn<A>) => void) & {
  readonly __schema?: S;
  readonly __ack?: A;
};
export type ServerEvents<N extends NamespaceName> = { [E in keyof Broadcasts[N]]: (payload: Broadcasts[N][E]) => void };

export type { ChatNotification };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}
