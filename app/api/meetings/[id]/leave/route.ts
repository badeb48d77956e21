import { leaveMeetingOp } from "@/lib/meetings/contract";
import { leaveMeeting } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(leaveMeetingOp, async ({ user, params }) => ({ meeting: await leaveMeeting(params.id, user) })),
});
