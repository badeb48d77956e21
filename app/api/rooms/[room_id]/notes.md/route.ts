import { handle, routes } from "@/lib/http/handler";
import { exportNotesOp } from "@/lib/rooms/contract";
import { notesMarkdown } from "@/lib/rooms/notes";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(exportNotesOp, async ({ user, params }) => {
    const { filename, body } = await notesMarkdown(user.id, params.room_id);
    return new Response(body, {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "private, no-store",
      },
    });
  }),
});
