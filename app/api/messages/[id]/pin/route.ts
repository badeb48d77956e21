import { pinMessageOp, unpinMessageOp } from "@/lib/chat/contract";
import { setPinned } from "@/lib/chat/pins";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(pinMessageOp, async ({ user, params }) => ({ message: await setPinned(user.id, params.id, true) })),
  DELETE: handle(unpinMessageOp, async ({ user, params }) => ({ message: await setPinned(user.id, params.id, false) })),
});
