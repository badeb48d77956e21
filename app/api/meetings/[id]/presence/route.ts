import { callPresenceOp } from "@/lib/meetings/contract";
import { callPresence } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(callPresenceOp, async ({ user, params, body }) => callPresence(params.id, user, body.in_call)),
});
