import "server-only";
import type { Namespace } from "socket.io";
import { getIo, userRoom } from "@/lib/realtime/registry";
import type { ChatClientEvents, ChatServerEvents } from "@/lib/realtime/types";
import { instructorView, studentView, type FullMeeting } from "./present";

function chat(): Namespace<ChatClientEvents, ChatServerEvents> | undefined {
  return getIo()?.of("/chat") as Namespace<ChatClientEvents, ChatServerEvents> | undefined;
}

/**
 * `meeting_updated {meeting}` on /chat: the instructor's view to the owner (their dashboard
 * follows attendance live), and with `students` each current invitee's own view too (a start,
 * an end, a change they should see without reloading).
 */
export function publishMeeting(m: FullMeeting, now: Date, options: { students?: boolean } = {}): void {
  const nsp = chat();
  if (!nsp) return;
  nsp.to(userRoom(m.instructorId)).emit("meeting_updated", { meeting: instructorView(m, now) });
  if (!options.students) return;
  for (const p of m.participants) {
    if (!p.removedAt) nsp.to(userRoom(p.studentId)).emit("meeting_updated", { meeting: studentView(m, p.studentId, now) });
  }
}
