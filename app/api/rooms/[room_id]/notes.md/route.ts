import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";
import { exportNotesOp } from "@/lib/rooms/contract";
import { notesMarkdown } from "@/lib/rooms/notes";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(exportNotesOp, async ({ user, params }) => {
    const { filename, body } = await notesMarkdown(user.id, params.room_id);
    return download(body, "text/markdown; charset=utf-8", filename);
  }),
});
