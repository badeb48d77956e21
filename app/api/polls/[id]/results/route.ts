import { handle, routes } from "@/lib/http/handler";
import { pollResultsOp } from "@/lib/rooms/class-contract";
import { pollResults } from "@/lib/rooms/polls";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(pollResultsOp, async ({ user, params }) => {
    const { filename, body } = await pollResults(user.id, params.id);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "private, no-store",
      },
    });
  }),
});
