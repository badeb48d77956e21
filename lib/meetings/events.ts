// What the meetings domain says happened (lib/events/bus.ts). lib/realtime/listeners/meetings.ts
// sends each person their view on /chat. Types only besides `publish`.
import { publish } from "@/lib/events/bus";
import type { MeetingJson } from "./schemas";

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** A meeting changed: each person concerned, with the meeting as they see it. */
    "meetings.updated": { views: { userId: string; meeting: MeetingJson }[] };
  }
}

export function meetingUpdated(views: { userId: string; meeting: MeetingJson }[]): void {
  publish("meetings.updated", { views });
}
