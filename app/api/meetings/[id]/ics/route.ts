import { meetingIcsOp } from "@/lib/meetings/contract";
import { meetingIcs, meetingIcsFilename } from "@/lib/meetings/export";
import { readableMeeting } from "@/lib/meetings/service";
import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(meetingIcsOp, async ({ user, params }) => {
    const meeting = await readableMeeting(params.id, user);
    return download(meetingIcs(meeting, new Date()), "text/calendar; charset=utf-8", meetingIcsFilename(meeting));
  }),
});
