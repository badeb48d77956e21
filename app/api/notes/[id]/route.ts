import { handle, routes } from "@/lib/http/handler";
import { deleteNoteOp } from "@/lib/rooms/contract";
import { deleteNote } from "@/lib/rooms/notes";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  DELETE: handle(deleteNoteOp, async ({ user, params }) => {
    await deleteNote(user.id, params.id);
    return {};
  }),
});
