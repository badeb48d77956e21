import { endMeetingOp } from "@/lib/meetings/contract";
import { endMeeting } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(endMeetingOp, async ({ user, params }) => ({ meeting: await endMeeting(params.id, user) })),
});
