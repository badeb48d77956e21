import { joinMeetingOp } from "@/lib/meetings/contract";
import { joinMeeting } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(joinMeetingOp, async ({ user, params }) => joinMeeting(params.id, user)),
});
