import { exportChannelOp } from "@/lib/chat/contract";
import { channelMarkdown } from "@/lib/chat/export";
import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(exportChannelOp, async ({ user, params }) => {
    const { filename, body } = await channelMarkdown(user.id, params.slug);
    return download(body, "text/markdown; charset=utf-8", filename);
  }),
});
