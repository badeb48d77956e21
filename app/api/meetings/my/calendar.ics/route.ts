import { myCalendarOp } from "@/lib/meetings/contract";
import { CALENDAR_FILENAME, calendarIcs } from "@/lib/meetings/export";
import { upcomingMeetings } from "@/lib/meetings/service";
import { attachment } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(myCalendarOp, async ({ user }) => {
    return new Response(calendarIcs(await upcomingMeetings(user), new Date()), {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": attachment(CALENDAR_FILENAME),
        "cache-control": "private, no-store",
      },
    });
  }),
});
