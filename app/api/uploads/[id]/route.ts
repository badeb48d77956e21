import { handle, routes } from "@/lib/http/handler";
import { getUploadOp } from "@/lib/uploads/contract";
import { uploadResponse } from "@/lib/uploads/serve";
import { getUploadForUser } from "@/lib/uploads/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(getUploadOp, async ({ req, user, params, query }) =>
    uploadResponse(req, await getUploadForUser(params.id, user.id), query.thumb),
  ),
});
