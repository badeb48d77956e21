import { handle, routes } from "@/lib/http/handler";
import { createNoteOp, listNotesOp } from "@/lib/rooms/contract";
import { createNote, listNotes } from "@/lib/rooms/notes";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listNotesOp, async ({ user, query }) => ({ notes: await listNotes(user.id, query.room_id) })),
  POST: handle(createNoteOp, async ({ user, body }) => ({ note: await createNote(user.id, body) })),
});
