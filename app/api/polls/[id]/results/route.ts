import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";
import { pollResultsOp } from "@/lib/rooms/class-contract";
import { pollResults } from "@/lib/rooms/polls";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(pollResultsOp, async ({ user, params }) => {
    const { filename, body } = await pollResults(user.id, params.id);
    return download(body, "text/csv; charset=utf-8", filename);
  }),
});
