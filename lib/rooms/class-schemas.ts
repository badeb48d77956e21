// Class interaction in rooms (CONTRACT.md section 9): the socket payloads and the shapes sent
// back. Shared by the server and the room page: no server-only imports.
import { z } from "zod";
import { UserSummary } from "@/lib/accounts/schemas";
import { RoomCode } from "./schemas";

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().trim().min(1, "Must not be empty").max(max, `Must be at most ${max} characters`);

export const MAX_POLL_OPTIONS = 10;
export const MAX_MUTE_MINUTES = 24 * 60;
export const MAX_SLOW_MODE_SECONDS = 600;

export const CreatePoll = z.object({
  room_id: RoomCode,
  question: Text(300),
  options: z
    .array(Text(120))
    .min(2, "A poll needs at least 2 options")
    .max(MAX_POLL_OPTIONS, `A poll has at most ${MAX_POLL_OPTIONS} options`)
    .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, "Options must differ"),
  multiple: z.boolean().optional(),
  anonymous: z.boolean().optional(),
});
export const Vote = z.object({ poll_id: Id, option_ids: z.array(Id).min(1).max(MAX_POLL_OPTIONS) });
export const PollRef = z.object({ poll_id: Id });
export const PollParams = z.object({ id: Id });
export const PollResultsQuery = z.object({ format: z.enum(["csv"]).default("csv") });

export const AskQuestion = z.object({ room_id: RoomCode, content: Text(500), anonymous: z.boolean().optional() });
export const QuestionRef = z.object({ question_id: Id });

export const RaiseHand = z.object({ room_id: RoomCode, raised: z.boolean() });
export const LowerHand = z.object({ room_id: RoomCode, user_id: Id });

export const MuteParticipant = z.object({ room_id: RoomCode, user_id: Id, minutes: z.number().int().min(0).max(MAX_MUTE_MINUTES) });
export const RemoveParticipant = z.object({ room_id: RoomCode, user_id: Id, ban: z.boolean().optional() });
export const SetSlowMode = z.object({ room_id: RoomCode, seconds: z.number().int().min(0).max(MAX_SLOW_MODE_SECONDS) });
/** Lifts a ban (the contract names none: docs/rooms.md); the user may then join again by code. */
export const UnbanUser = z.object({ room_id: RoomCode, user_id: Id });

export const QueueVideo = z.object({ room_id: RoomCode, url: z.string().trim().min(1).max(2000) });
export const QueuedRef = z.object({ room_id: RoomCode, item_id: Id });
export const MoveQueued = z.object({ room_id: RoomCode, item_id: Id, index: z.number().int().min(0).max(10_000) });
export const VideoEnded = z.object({ room_id: RoomCode, video_id: z.string().regex(/^[A-Za-z0-9_-]{11}$/) });

export const Poll = z.object({
  id: z.string(),
  room_id: z.string(),
  question: z.string(),
  options: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      votes: z.number(),
      /** Only to the host, and only when the poll is not anonymous. */
      voters: z.array(UserSummary).optional(),
    }),
  ),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  status: z.enum(["open", "closed"]),
  total_voters: z.number(),
  /** The caller's chosen options (absent when they have not voted, and in room-wide broadcasts). */
  my_vote: z.array(z.string()).optional(),
  created_at: z.string(),
});
export type PollJson = z.infer<typeof Poll>;

export const Question = z.object({
  id: z.string(),
  room_id: z.string(),
  /** null for an anonymous question, except in the host's view. */
  author: UserSummary.nullable(),
  anonymous: z.boolean(),
  content: z.string(),
  votes: z.number(),
  voter_ids: z.array(z.string()),
  status: z.enum(["open", "answered"]),
  created_at: z.string(),
});
export type QuestionJson = z.infer<typeof Question>;

export const Hand = z.object({ user: UserSummary, raised_at: z.string() });
export type HandJson = z.infer<typeof Hand>;

export const Moderation = z.object({
  room_id: z.string(),
  slow_mode_seconds: z.number(),
  muted: z.array(z.object({ user_id: z.string(), until: z.string() })),
  /** Only in the host's view: who is banned from the room, most recent first (to lift a ban). */
  banned: z.array(z.object({ user: UserSummary, banned_at: z.string() })).optional(),
});
export type ModerationJson = z.infer<typeof Moderation>;

export const QueueItem = z.object({ id: z.string(), video_id: z.string(), added_by: UserSummary, created_at: z.string() });
export type QueueItemJson = z.infer<typeof QueueItem>;
