// Shared by the API, the socket handlers and the room page: no server-only imports.
import { z } from "zod";
import { UserSummary } from "@/lib/accounts/schemas";

export const RoomCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]{8}$/, "A room code is 8 letters or digits");
export const RoomMode = z.enum(["chat", "photos", "youtube"]);
export const RoomControls = z.enum(["everyone", "host"]);
export const MessageContent = z.string().trim().min(1, "Must not be empty").max(4000, "Must be at most 4000 characters");
export const ClientId = z.string().min(1).max(64);
export const VideoPosition = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

export const CreateRoomBody = z.object({ name: z.string().trim().min(1, "Must not be empty").max(80, "Must be at most 80 characters") });
export const RoomParams = z.object({ room_id: RoomCode });

export const NotesQuery = z.object({ room_id: RoomCode });
export const CreateNoteBody = z.object({
  room_id: RoomCode,
  content: z.string().trim().min(1, "Must not be empty").max(2000, "Must be at most 2000 characters"),
  timecode: VideoPosition.optional(),
});
export const NoteParams = z.object({ id: z.string().min(1).max(64) });

// Socket payloads
export const RoomRef = z.object({ room_id: RoomCode });
export const SendRoomMessage = z.object({ room_id: RoomCode, content: MessageContent, client_id: ClientId.optional() });
export const SetMode = z.object({ room_id: RoomCode, mode: RoomMode });
export const SetControls = z.object({ room_id: RoomCode, controls: RoomControls });
export const LoadVideo = z.object({ room_id: RoomCode, url: z.string().trim().min(1).max(2000) });
export const VideoAt = z.object({ room_id: RoomCode, position: VideoPosition });
export const SetRate = z.object({ room_id: RoomCode, rate: z.number().min(0.25).max(2) });
export const React = z.object({ room_id: RoomCode, emoji: z.string().min(1).max(32) });

export const Room = z.object({
  room_id: z.string(),
  name: z.string(),
  host_id: z.string().nullable(),
  mode: RoomMode,
  controls: RoomControls,
  is_open: z.boolean(),
  join_url: z.string(),
  created_at: z.string(),
  closed_at: z.string().nullable(),
});
export const Participant = UserSummary.extend({ online: z.boolean(), is_host: z.boolean(), joined_at: z.string() });
export const RoomMessage = z.object({
  id: z.string(),
  room_id: z.string(),
  author: UserSummary,
  content: z.string(),
  client_id: z.string().nullable(),
  created_at: z.string(),
  /** Pass as `after` to fetch what came next (catching up after a reconnect). */
  cursor: z.string(),
});
export const Note = z.object({
  id: z.string(),
  room_id: z.string(),
  author: UserSummary,
  content: z.string(),
  timecode: z.number(),
  video_id: z.string().nullable(),
  created_at: z.string(),
});
export const YoutubeState = z.object({
  room_id: z.string(),
  video_id: z.string().nullable(),
  playing: z.boolean(),
  position: z.number(),
  rate: z.number(),
  updated_at: z.number(),
  version: z.number(),
  server_now: z.number(),
});
export type YoutubeStateJson = z.infer<typeof YoutubeState>;
export type RoomJson = z.infer<typeof Room>;
export type ParticipantJson = z.infer<typeof Participant>;
export type RoomMessageJson = z.infer<typeof RoomMessage>;
export type NoteJson = z.infer<typeof Note>;

/** Exactly one emoji (one grapheme that is pictographic or a flag/keycap sequence). */
export function isSingleEmoji(value: string): boolean {
  const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(value)];
  if (graphemes.length !== 1) return false;
  return /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|^[0-9#*]\uFE0F?\u20E3$/u.test(value);
}

// /photos and /youtube socket payloads (lib/realtime/contract.ts).
const PhotoId = z.string().min(1).max(64);
export const AddPhoto = z.object({ room_id: RoomCode, upload_id: PhotoId });
export const PhotoRef = z.object({ room_id: RoomCode, photo_id: PhotoId });
export const MovePhoto = z.object({ room_id: RoomCode, photo_id: PhotoId, to_index: z.number().int().min(0).max(1000) });
export const TimeSync = z.object({}).optional();
