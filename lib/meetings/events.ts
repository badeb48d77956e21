// What the meetings domain says happened (lib/events/bus.ts). lib/realtime/listeners/meetings.ts
// sends each person their view on /chat. Types only besides `publish`.
import { publish } from "@/lib/events/bus";
import type { OwnBreakoutJson } from "./breakout-schemas";
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

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /**
     * Students sent to a breakout group (`breakout` set) or brought back to the main meeting
     * (null): their open meeting and call pages move them.
     */
    "meetings.breakout_assigned": { meetingId: string; assignments: { userId: string; breakout: OwnBreakoutJson | null }[] };
  }
}

export function breakoutAssigned(meetingId: string, assignments: { userId: string; breakout: OwnBreakoutJson | null }[]): void {
  publish("meetings.breakout_assigned", { meetingId, assignments });
}
