import { cancelMeetingOp, getMeetingOp, updateMeetingOp } from "@/lib/meetings/contract";
import { cancelMeeting, getMeeting, updateMeeting } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(getMeetingOp, async ({ user, params }) => ({ meeting: await getMeeting(params.id, user) })),
  PUT: handle(updateMeetingOp, async ({ user, params, body }) => ({ meeting: await updateMeeting(params.id, user, body) })),
  DELETE: handle(cancelMeetingOp, async ({ user, params }) => ({ meeting: await cancelMeeting(params.id, user) })),
});
