import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import { PageQuery } from "@/lib/http/cursor";
import { CreateNoteBody, CreateRoomBody, Note, NoteParams, NotesQuery, Participant, Room, RoomMessage, RoomParams } from "./schemas";

const tags = ["rooms"];
const RoomListItem = Room.extend({ participant_count: z.number(), is_host: z.boolean() });

export const createRoomOp = defineOperation({
  method: "POST",
  path: "/api/rooms",
  summary: "Create a room (you are its host)",
  tags,
  auth: "required",
  body: CreateRoomBody,
  response: z.object({ room: Room }),
  status: 201,
});

export const listRoomsOp = defineOperation({
  method: "GET",
  path: "/api/rooms",
  summary: "Rooms I host or joined",
  tags,
  auth: "required",
  response: z.object({ rooms: z.array(RoomListItem) }),
});

export const getRoomOp = defineOperation({
  method: "GET",
  path: "/api/rooms/{room_id}",
  summary: "A room and its participants (participants only)",
  tags,
  auth: "required",
  params: RoomParams,
  response: z.object({ room: Room, participants: z.array(Participant) }),
  errors: [403],
});

export const joinRoomOp = defineOperation({
  method: "POST",
  path: "/api/rooms/{room_id}/join",
  summary: "Join a room by its code",
  description:
    "Anyone with the code may join an open room, unless the room belongs to something with its own rule: a meeting's room takes its instructor any time and its invitees while the meeting runs (403 or 409 otherwise; see docs/meetings.md). A closed room answers 410. The socket `join_room` does the same.",
  tags,
  auth: "required",
  params: RoomParams,
  response: z.object({ room: Room }),
  errors: [403, 409, 410],
});

export const leaveRoomOp = defineOperation({
  method: "POST",
  path: "/api/rooms/{room_id}/leave",
  summary: "Leave a room for good",
  description: "A host who leaves hands the room to the longest-present participant.",
  tags,
  auth: "required",
  params: RoomParams,
  response: z.object({}),
  errors: [403],
});

export const closeRoomOp = defineOperation({
  method: "POST",
  path: "/api/rooms/{room_id}/close",
  summary: "Close a room (host only)",
  description: "Everyone in it is told (`room_closed`) and sent out; later joins get 410.",
  tags,
  auth: "required",
  params: RoomParams,
  response: z.object({ room: Room }),
  errors: [403],
});

export const roomMessagesOp = defineOperation({
  method: "GET",
  path: "/api/rooms/{room_id}/messages",
  summary: "Room chat history by cursor",
  description:
    "Oldest first within the page. `before` pages back from a cursor (scrolling up); `after` returns what came after a message's `cursor` (catching up after a reconnect). `next_cursor` continues in the same direction (null at the end).",
  tags,
  auth: "required",
  params: RoomParams,
  query: PageQuery,
  response: z.object({ messages: z.array(RoomMessage), next_cursor: z.string().nullable(), cursor: z.string().nullable() }),
  errors: [403],
});

export const exportNotesOp = defineOperation({
  method: "GET",
  path: "/api/rooms/{room_id}/notes.md",
  summary: "The room's notes as a Markdown file",
  tags,
  auth: "required",
  params: RoomParams,
  produces: "text/markdown",
  errors: [403],
});

export const listNotesOp = defineOperation({
  method: "GET",
  path: "/api/notes",
  summary: "A room's time-coded notes, ordered by timecode",
  tags,
  auth: "required",
  query: NotesQuery,
  response: z.object({ notes: z.array(Note) }),
  errors: [403, 404],
});

export const createNoteOp = defineOperation({
  method: "POST",
  path: "/api/notes",
  summary: "Add a time-coded note",
  description: "`timecode` (seconds) defaults to the room's current video position. Broadcast live as `note_created`.",
  tags,
  auth: "required",
  body: CreateNoteBody,
  response: z.object({ note: Note }),
  status: 201,
  errors: [403, 404, 410],
});

export const deleteNoteOp = defineOperation({
  method: "DELETE",
  path: "/api/notes/{id}",
  summary: "Delete a note (its author or the room's host)",
  tags,
  auth: "required",
  params: NoteParams,
  response: z.object({}),
  errors: [403],
});

export const roomsOperations = [
  createRoomOp,
  listRoomsOp,
  getRoomOp,
  joinRoomOp,
  leaveRoomOp,
  closeRoomOp,
  roomMessagesOp,
  exportNotesOp,
  listNotesOp,
  createNoteOp,
  deleteNoteOp,
];
