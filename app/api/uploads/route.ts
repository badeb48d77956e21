import { handle, routes } from "@/lib/http/handler";
import { createUploadOp } from "@/lib/uploads/contract";
import { createLocalUpload } from "@/lib/uploads/pipeline";
import { presentUpload } from "@/lib/uploads/present";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(createUploadOp, async ({ req, user }) => ({ upload: presentUpload(await createLocalUpload(req, user.id)) })),
});
