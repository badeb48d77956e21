import { startMeetingOp } from "@/lib/meetings/contract";
import { startMeeting } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(startMeetingOp, async ({ user, params }) => ({ meeting: await startMeeting(params.id, user) })),
});
