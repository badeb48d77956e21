import { createMeetingOp, listMeetingsOp } from "@/lib/meetings/contract";
import { createMeeting, listMeetings } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listMeetingsOp, async ({ user, query }) => listMeetings(user, query)),
  POST: handle(createMeetingOp, async ({ user, body }) => ({ meeting: await createMeeting(user, body) })),
});
