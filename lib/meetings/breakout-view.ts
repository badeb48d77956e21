// How breakout groups appear in a meeting's views (lib/meetings/present.ts) and answers.
import type { MeetingBreakout, Prisma } from "@prisma/client";
import type { BreakoutJson, OwnBreakoutJson } from "./breakout-schemas";
import { callLink } from "./call-link";
import { jitsiRoomName } from "./jitsi";
import { env } from "@/lib/env.mjs";

/** The groups running now, in the order the instructor gave them (for `meetingInclude`). */
export const runningBreakouts = { where: { endedAt: null }, orderBy: { position: "asc" } } satisfies Prisma.Meeting$breakoutsArgs;

/** A group's call: the meeting's room name and the group's short id, `<prefix>-<meeting_id>-<code>`. */
export const breakoutRoomName = (meetingId: string, code: string) => `${jitsiRoomName(env().MEETING_LINK_PREFIX, meetingId)}-${code}`;

export function presentBreakout(meetingId: string, b: MeetingBreakout): BreakoutJson {
  return { ...ownBreakout(meetingId, b), student_ids: b.studentIds };
}

export function ownBreakout(meetingId: string, b: MeetingBreakout): OwnBreakoutJson {
  return { id: b.id, name: b.name, room_id: b.roomId, meeting_link: callLink(breakoutRoomName(meetingId, b.code)) };
}

/** The running group a student is sent to, if any. */
export function breakoutOf(meetingId: string, breakouts: MeetingBreakout[], studentId: string): OwnBreakoutJson | null {
  const mine = breakouts.find((b) => b.endedAt === null && b.studentIds.includes(studentId));
  return mine ? ownBreakout(meetingId, mine) : null;
}
