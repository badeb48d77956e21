import { calendarFeedOp } from "@/lib/meetings/contract";
import { calendarFeed } from "@/lib/meetings/calendar-link";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  // A feed, not a download: calendar apps poll it; nothing shared may keep it.
  GET: handle(
    calendarFeedOp,
    async ({ params }) =>
      new Response(await calendarFeed(params.file), {
        headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store" },
      }),
  ),
});
