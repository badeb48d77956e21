import "server-only";
import { subscribe } from "@/lib/events/bus";
import { namespace, userRoom } from "../registry";

/** `meeting_updated {meeting}` on /chat: each person concerned gets their own view. */
export function registerMeetingListeners(): () => void {
  const stops = [
    subscribe("meetings.updated", ({ views }) => {
      const nsp = namespace("/chat");
      if (!nsp) return;
      for (const { userId, meeting } of views) nsp.to(userRoom(userId)).emit("meeting_updated", { meeting });
    }),
    // `meeting_breakout {meeting_id, breakout}`: a student's group, or null when back in the main meeting.
    subscribe("meetings.breakout_assigned", ({ meetingId, assignments }) => {
      const nsp = namespace("/chat");
      if (!nsp) return;
      for (const { userId, breakout } of assignments)
        nsp.to(userRoom(userId)).emit("meeting_breakout", { meeting_id: meetingId, breakout });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
