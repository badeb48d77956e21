import { ApiError } from "@/lib/http/errors";
import { handle, routes } from "@/lib/http/handler";
import { uploadthingGetOp, uploadthingPostOp } from "@/lib/uploads/contract";
import { uploadthingHandlers } from "@/lib/uploads/uploadthing";

const notConfigured = () =>
  new ApiError(
    "UNAVAILABLE",
    "Uploads through UploadThing are not configured on this server (no UPLOADTHING_TOKEN); upload with POST /api/uploads",
  );

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(uploadthingGetOp, async ({ req }) => {
    const handlers = uploadthingHandlers();
    if (!handlers) throw notConfigured();
    return handlers.GET(req);
  }),
  POST: handle(uploadthingPostOp, async ({ req }) => {
    const handlers = uploadthingHandlers();
    if (!handlers) throw notConfigured();
    return handlers.POST(req);
  }),
});
