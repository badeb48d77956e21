// What the meetings domain says happened (lib/events/bus.ts). lib/realtime/listeners/meetings.ts
// sends each person their view on /chat. Types only besides `publish`.
import { publish } from "@/lib/events/bus";
import type { z } from "zod";
import type { Attendance, MeetingJson } from "./schemas";

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** A meeting changed: each person concerned, with the meeting as they see it. */
    "meetings.updated": { views: { userId: string; meeting: MeetingJson }[] };
    /** The instructor started it (the meeting as its instructor sees it). */
    "meetings.started": { instructorId: string; meeting: MeetingJson };
    /** The instructor ended it: its attendance is final (the report as GET /api/meetings/{id}/attendance answers it). */
    "meetings.ended": { instructorId: string; meeting: MeetingJson; attendance: z.infer<typeof Attendance> };
  }
}

export function meetingUpdated(views: { userId: string; meeting: MeetingJson }[]): void {
  publish("meetings.updated", { views });
}
