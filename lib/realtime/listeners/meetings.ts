import "server-only";
import { subscribe } from "@/lib/events/bus";
import { namespace, userRoom } from "../registry";

/** `meeting_updated {meeting}` on /chat: each person concerned gets their own view. */
export function registerMeetingListeners(): () => void {
  return subscribe("meetings.updated", ({ views }) => {
    const nsp = namespace("/chat");
    if (!nsp) return;
    for (const { userId, meeting } of views) nsp.to(userRoom(userId)).emit("meeting_updated", { meeting });
  });
}
