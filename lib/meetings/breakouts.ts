import "server-only";
import { randomInt } from "node:crypto";
import type { AuthUser } from "@/lib/accounts/service";
import { db } from "@/lib/db/prisma";
import { errors, type ErrorDetails } from "@/lib/http/errors";
import { createRoom, discardRoom } from "@/lib/rooms/service";
import type { BreakoutJson, StartBreakoutsInput } from "./breakout-schemas";
import { closeRunningBreakouts } from "./breakout-rooms";
import { breakoutRoomName, ownBreakout, presentBreakout } from "./breakout-view";
import { breakoutAssigned } from "./events";
import { meetingInclude, type FullMeeting } from "./present";
import { enterMeetingRoom } from "./room";
import type { MeetingJson } from "./schemas";
import { accessOf, joinLink, joinMeeting, publishMeeting, requireOwner, statusConflict, withMeeting } from "./service";

// Breakout groups (CONTRACT.md section 11, docs/meetings.md "Breakout groups"): the owner of an
// ongoing meeting splits its students into groups, by hand or at random; each group gets its own
// companion room and call. One set runs at a time: starting again while groups run is a 409
// (end them first), so nobody is moved twice by a double click. Attendance stays the meeting's:
// a group's call sends the same presence beats, and being sent to a group is not a leave.

type Viewer = Pick<AuthUser, "id" | "role">;

const CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const CODE_LENGTH = 6;
/** Room names are at most 80 characters (lib/meetings/room.ts). */
const ROOM_NAME_MAX = 80;

const running = (m: FullMeeting) => m.breakouts.filter((b) => b.endedAt === null);

function newCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    codes.add(code);
  }
  return [...codes];
}

/** Fisher-Yates with the crypto generator. */
function shuffled<T>(items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `count` groups whose sizes differ by at most one, dealt round the table. */
export function dealInto<T>(items: T[], count: number): T[][] {
  const groups: T[][] = Array.from({ length: count }, () => []);
  items.forEach((item, i) => groups[i % count]!.push(item));
  return groups;
}

/** The groups asked for, checked against the meeting's invitees (problems keyed as sent). */
function plannedGroups(m: FullMeeting, input: StartBreakoutsInput): { name: string; studentIds: string[] }[] {
  const invitees = m.participants.filter((p) => !p.removedAt);
  const details: ErrorDetails = {};
  let groups: { name: string; studentIds: string[] }[];
  if (input.groups) {
    const invited = new Set(invitees.map((p) => p.studentId));
    const placed = new Map<string, number>();
    input.groups.forEach((g, gi) =>
      g.student_ids.forEach((sid, si) => {
        const key = `groups.${gi}.student_ids.${si}`;
        const earlier = placed.get(sid);
        if (!invited.has(sid)) details[key] = [`Student ${sid} is not invited to this meeting`];
        else if (earlier !== undefined)
          details[key] = [
            earlier === gi ? `Student ${sid} is listed twice in this group` : `Student ${sid} is already in group ${earlier + 1}`,
          ];
        else placed.set(sid, gi);
      }),
    );
    groups = input.groups.map((g) => ({ name: g.name, studentIds: [...new Set(g.student_ids)] }));
  } else {
    const count = input.count!;
    const eligible = invitees.filter((p) => p.status !== "declined").map((p) => p.studentId);
    if (count > eligible.length)
      details.count = [
        eligible.length
          ? `At most ${eligible.length}: the number of invited students who have not declined`
          : "No invited student to assign: everyone declined or nobody is invited",
      ];
    const prefix = input.name ?? "Group";
    groups = dealInto(shuffled(eligible), count).map((studentIds, i) => ({ name: `${prefix} ${i + 1}`, studentIds }));
  }
  if (Object.keys(details).length) throw errors.validation(details, "Some groups are not valid");
  return groups;
}

const roomNameOf = (meetingTitle: string, group: string) =>
  Array.from(`${group} · ${meetingTitle}`).slice(0, ROOM_NAME_MAX).join("").trim();

/** POST /api/meetings/:id/breakouts: the groups start; each student hears which group is theirs. */
export async function startBreakouts(id: string, user: Viewer, input: StartBreakoutsInput, now = new Date()): Promise<BreakoutJson[]> {
  await withMeeting(id, async (tx, m) => {
    requireOwner(m, user, "run breakout groups of");
    if (m.status !== "ongoing") statusConflict(m, "have breakout groups");
    if (running(m).length) throw errors.conflict("Breakout groups are already running: end them before starting new ones");
    const groups = plannedGroups(m, input);
    const codes = newCodes(groups.length);
    const rooms: string[] = [];
    try {
      for (const g of groups) rooms.push((await createRoom(m.instructorId, roomNameOf(m.title, g.name))).id);
      await tx.meetingBreakout.createMany({
        data: groups.map((g, i) => ({
          meetingId: m.id,
          code: codes[i]!,
          name: g.name,
          position: i,
          studentIds: g.studentIds,
          roomId: rooms[i]!,
          createdAt: now,
        })),
      });
    } catch (err) {
      for (const room of rooms) await discardRoom(room).catch(() => {});
      throw err;
    }
  });
  const m = await db().meeting.findUniqueOrThrow({ where: { id }, include: meetingInclude });
  publishMeeting(m, now, { students: true });
  breakoutAssigned(
    m.id,
    running(m).flatMap((b) => b.studentIds.map((userId) => ({ userId, breakout: ownBreakout(m.meetingId, b) }))),
  );
  return running(m).map((b) => presentBreakout(m.meetingId, b));
}

/** DELETE /api/meetings/:id/breakouts: every group ends, their rooms close, students go back. */
export async function endBreakouts(id: string, user: Viewer, now = new Date()): Promise<number> {
  const after = await withMeeting(id, async (tx, m) => {
    requireOwner(m, user, "end the breakout groups of");
    if (m.status !== "ongoing") statusConflict(m, "have breakout groups");
    return closeRunningBreakouts(tx, m, now);
  });
  const ended = await after();
  if (ended) publishMeeting(await db().meeting.findUniqueOrThrow({ where: { id }, include: meetingInclude }), now, { students: true });
  return ended;
}

/** GET /api/meetings/:id/breakouts: the owner sees every running group, a student their own. */
export async function listBreakouts(id: string, user: Viewer): Promise<BreakoutJson[]> {
  const m = await db().meeting.findUnique({ where: { id }, include: meetingInclude });
  if (!m) throw errors.notFound("Meeting");
  const access = accessOf(m, user);
  if (access.kind === "none") throw errors.forbidden("You are not invited to this meeting");
  const groups = running(m).filter((b) => access.kind === "owner" || b.studentIds.includes(user.id));
  return groups.map((b) => presentBreakout(m.meetingId, b));
}

/**
 * POST /api/meetings/:id/breakouts/:breakout_id/join: the group's call link (with the owner as
 * moderator when Jitsi tokens are configured). For a student it is joining the meeting (their
 * attendance interval opens, or stays open) from their group; either way the group's room opens
 * to them.
 */
export async function joinBreakout(
  id: string,
  breakoutId: string,
  user: Viewer,
  now = new Date(),
): Promise<{ meeting_link: string; breakout: BreakoutJson; meeting: MeetingJson }> {
  const before = await db().meeting.findUnique({ where: { id }, include: meetingInclude });
  if (!before) throw errors.notFound("Meeting");
  const access = accessOf(before, user);
  if (access.kind === "none") throw errors.forbidden("You are not invited to this meeting");
  if (before.status !== "ongoing") statusConflict(before, "be joined");
  const group = running(before).find((b) => b.id === breakoutId);
  if (!group) throw errors.notFound("Breakout group");
  if (access.kind === "invitee" && !group.studentIds.includes(user.id))
    throw errors.forbidden("You are not in this breakout group: join your own group or the main meeting");
  const { meeting } = await joinMeeting(id, user, now);
  await enterMeetingRoom(group.roomId, user.id);
  return {
    meeting_link: await joinLink(before, user, now, breakoutRoomName(before.meetingId, group.code)),
    breakout: presentBreakout(before.meetingId, group),
    meeting,
  };
}
