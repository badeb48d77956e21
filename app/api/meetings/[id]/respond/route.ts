import { respondMeetingOp } from "@/lib/meetings/contract";
import { respondToMeeting } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(respondMeetingOp, async ({ user, params, body }) => ({
    meeting: await respondToMeeting(params.id, user, body.action),
  })),
});
