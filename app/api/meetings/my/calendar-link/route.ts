import { calendarLinkOp } from "@/lib/meetings/contract";
import { rotateCalendarLink } from "@/lib/meetings/calendar-link";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(calendarLinkOp, async ({ user }) => rotateCalendarLink(user.id)),
});
