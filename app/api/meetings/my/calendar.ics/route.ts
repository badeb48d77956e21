import { myCalendarOp } from "@/lib/meetings/contract";
import { CALENDAR_FILENAME, calendarIcs } from "@/lib/meetings/export";
import { upcomingMeetings } from "@/lib/meetings/service";
import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(myCalendarOp, async ({ user }) =>
    download(calendarIcs(await upcomingMeetings(user), new Date()), "text/calendar; charset=utf-8", CALENDAR_FILENAME),
  ),
});
