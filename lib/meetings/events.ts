// What the meetings domain says happened (lib/events/bus.ts). lib/realtime/listeners/meetings.ts
// sends each person their view on /chat; lib/meetings/mail.ts mails the invitees. Types only
// besides the publishers.
import { publish } from "@/lib/events/bus";
import type { z } from "zod";
import type { OwnBreakoutJson } from "./breakout-schemas";
import type { Attendance, MeetingJson } from "./schemas";

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** A meeting changed: each person concerned, with the meeting as they see it. */
    "meetings.updated": { views: { userId: string; meeting: MeetingJson }[] };
    /** A meeting was created with its invitees (committed). */
    "meetings.created": { meetingId: string };
    /**
     * A meeting was edited (committed): `details` when its title, description, date or duration
     * changed (its SEQUENCE was raised); students put on and taken off the invitee list.
     */
    "meetings.changed": { meetingId: string; details: boolean; invited: string[]; uninvited: string[] };
    /** A meeting was cancelled (committed; its SEQUENCE was raised). */
    "meetings.cancelled": { meetingId: string };
    /** The instructor started it (the meeting as its instructor sees it). */
    "meetings.started": { instructorId: string; meeting: MeetingJson };
    /** The instructor ended it: its attendance is final (the report as GET /api/meetings/{id}/attendance answers it). */
    "meetings.ended": { instructorId: string; meeting: MeetingJson; attendance: z.infer<typeof Attendance> };
  }
}

export function meetingUpdated(views: { userId: string; meeting: MeetingJson }[]): void {
  publish("meetings.updated", { views });
}

export function meetingCreated(meetingId: string): void {
  publish("meetings.created", { meetingId });
}

export function meetingChanged(change: { meetingId: string; details: boolean; invited: string[]; uninvited: string[] }): void {
  if (change.details || change.invited.length || change.uninvited.length) publish("meetings.changed", change);
}

export function meetingCancelled(meetingId: string): void {
  publish("meetings.cancelled", { meetingId });
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
