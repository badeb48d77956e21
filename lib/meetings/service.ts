import "server-only";
import type { MeetingStatus, Prisma } from "@prisma/client";
import type { AuthUser } from "@/lib/accounts/service";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env.mjs";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { errors, type ErrorDetails } from "@/lib/http/errors";
import { applyHeartbeat, applyJoin, applyLeave, CALL_GRACE_MS, isPresent, leaveTime } from "./attendance";
import {
  attendanceReport,
  attendanceState,
  instructorView,
  meetingInclude,
  meetingLink,
  studentView,
  type CalendarMeeting,
  type FullMeeting,
  type FullParticipant,
} from "./present";
import { publish } from "@/lib/events/bus";
import { callLink } from "./call-link";
import { closeRunningBreakouts, dropFromRunningBreakouts } from "./breakout-rooms";
import { meetingCancelled, meetingChanged, meetingCreated, meetingUpdated } from "./events";
import { jitsiConfig, jitsiJoinLink } from "./jitsi";
import { resolveCourse } from "./register";
import { enterMeetingRoom, removeFromMeetingRoom, renameMeetingRoom, withNewMeetingRoom } from "./room";
import {
  MAX_SCHEDULE_AHEAD_DAYS,
  PAST_GRACE_MINUTES,
  type CreateMeetingInput,
  type MeetingJson,
  type MeetingListQuery,
  type UpdateMeetingInput,
} from "./schemas";

// Every service function takes the time it acts at (`now`, the real clock by default) so the
// attendance arithmetic stays a pure function of stored timestamps and that time.

type Tx = Prisma.TransactionClient;
type Viewer = Pick<AuthUser, "id" | "role">;

type Access = { kind: "owner" } | { kind: "invitee"; participant: FullParticipant } | { kind: "none" };

export function accessOf(m: FullMeeting, user: Viewer): Access {
  if (m.instructorId === user.id) return { kind: "owner" };
  const participant = m.participants.find((p) => p.studentId === user.id && !p.removedAt);
  return participant ? { kind: "invitee", participant } : { kind: "none" };
}

const NOT_INVITED = "You are not invited to this meeting";

/** Owner-only actions: a student and another instructor alike get 403. */
export function requireOwner(m: FullMeeting, user: Viewer, verb: string): void {
  if (m.instructorId !== user.id) throw errors.forbidden(`Only the instructor who created this meeting can ${verb} it`);
}

function requireInvitee(m: FullMeeting, user: Viewer, what: string): FullParticipant {
  const access = accessOf(m, user);
  if (access.kind === "invitee") return access.participant;
  throw errors.forbidden(access.kind === "owner" ? `Only invited students can ${what}` : NOT_INVITED);
}

/** Why a meeting in this status cannot take `action` (409). */
export function statusConflict(m: FullMeeting, action: string): never {
  const reason = {
    scheduled: "it has not started yet",
    ongoing: "it is in progress",
    completed: "it is already over",
    cancelled: "it was cancelled",
  }[m.status];
  throw errors.conflict(`This meeting cannot ${action}: ${reason}`);
}

function viewFor(m: FullMeeting, user: Viewer, now: Date): MeetingJson {
  return m.instructorId === user.id ? instructorView(m, now) : studentView(m, user.id, now);
}

async function load(id: string, client: Tx = db()): Promise<FullMeeting> {
  const m = await client.meeting.findUnique({ where: { id }, include: meetingInclude });
  if (!m) throw errors.notFound("Meeting");
  return m;
}

/**
 * Run a change with the meeting's row locked: checks and writes see one state, so two requests
 * (a join and an end, two edits) cannot interleave. A thrown refusal rolls everything back.
 */
export async function withMeeting<T>(id: string, fn: (tx: Tx, m: FullMeeting) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM meetings WHERE id = ${id} FOR UPDATE`;
      if (!locked.length) throw errors.notFound("Meeting");
      return fn(tx, await load(id, tx));
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/**
 * `meeting_updated {meeting}`: the instructor's view to the owner (their dashboard follows
 * attendance live), and with `students` each current invitee's own view too (a start, an end, a
 * change they should see without reloading).
 */
export function publishMeeting(m: FullMeeting, now: Date, options: { students?: boolean } = {}): void {
  const views = [{ userId: m.instructorId, meeting: instructorView(m, now) }];
  if (options.students) {
    for (const p of m.participants) if (!p.removedAt) views.push({ userId: p.studentId, meeting: studentView(m, p.studentId, now) });
  }
  meetingUpdated(views);
}

/** After a committed change: the fresh state, pushed to the instructor (and the invitees). */
async function published(id: string, now: Date, students = false): Promise<FullMeeting> {
  const m = await load(id);
  publishMeeting(m, now, { students });
  return m;
}

// ---- input rules beyond the schemas ----

function scheduleProblems(date: Date, now: Date): string[] {
  if (date.getTime() < now.getTime() - PAST_GRACE_MINUTES * 60_000) return ["Must not be in the past"];
  if (date.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000) return ["Must be within the next two years"];
  return [];
}

/**
 * Every id must name an existing student; problems are keyed `student_ids.<index>` as sent.
 * Returns the ids without duplicates.
 */
async function checkStudents(ids: string[], details: ErrorDetails, client: Tx = db()): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const users = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true } });
  const roles = new Map(users.map((u) => [u.id, u.role]));
  ids.forEach((id, i) => {
    const role = roles.get(id);
    if (!role) details[`student_ids.${i}`] = [`No user with id ${id}`];
    else if (role !== "student") details[`student_ids.${i}`] = [`User ${id} is not a student`];
  });
  return unique;
}

function throwIfAny(details: ErrorDetails): void {
  if (Object.keys(details).length) throw errors.validation(details, "Some fields are not valid");
}

// ---- reads ----

/**
 * An instructor's meetings (created) or a student's invitations, by scheduled date, paginated.
 * Students' rows carry only their own participant record.
 */
export async function listMeetings(user: Viewer, query: MeetingListQuery, now = new Date()) {
  const where = mine(user);
  if (query.status) where.status = query.status;
  if (query.after) {
    const c = decodeCursor(query.after, "after");
    where.OR = [{ scheduledDate: { gt: c.createdAt } }, { scheduledDate: c.createdAt, id: { gt: c.id } }];
  }
  const rows = await db().meeting.findMany({
    where,
    include: includeFor(user),
    orderBy: [{ scheduledDate: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    meetings: page.map((m) => viewFor(m, user, now)),
    next_cursor:
      rows.length > query.limit ? encodeCursor({ createdAt: page[page.length - 1]!.scheduledDate, id: page[page.length - 1]!.id }) : null,
  };
}

/** An instructor's own meetings, a student's current invitations. */
function mine(user: Viewer): Prisma.MeetingWhereInput {
  return user.role === "instructor" ? { instructorId: user.id } : { participants: { some: { studentId: user.id, removedAt: null } } };
}

/** Students' rows carry only their own participant record. */
function includeFor(user: Viewer) {
  return user.role === "instructor"
    ? meetingInclude
    : { ...meetingInclude, participants: { ...meetingInclude.participants, where: { studentId: user.id } } };
}

/**
 * What the meetings pages open with: upcoming meetings (scheduled, ongoing) soonest first, and
 * the latest past ones (completed, cancelled) latest first.
 */
export async function meetingsOverview(user: Viewer, limits: { upcoming: number; past: number }, now = new Date()) {
  const find = (statuses: MeetingStatus[], order: "asc" | "desc", take: number) =>
    take <= 0
      ? Promise.resolve([])
      : db().meeting.findMany({
          where: { ...mine(user), status: { in: statuses } },
          include: includeFor(user),
          orderBy: [{ scheduledDate: order }, { id: order }],
          take,
        });
  const [upcoming, past] = await Promise.all([
    find(["ongoing", "scheduled"], "asc", limits.upcoming),
    find(["completed", "cancelled"], "desc", limits.past),
  ]);
  return { upcoming: upcoming.map((m) => viewFor(m, user, now)), past: past.map((m) => viewFor(m, user, now)) };
}

export async function listInvitations(user: Viewer, query: MeetingListQuery, now = new Date()) {
  if (user.role !== "student") {
    throw errors.forbidden("Only students have invitations; instructors list their meetings with GET /api/meetings/");
  }
  return listMeetings(user, query, now);
}

/**
 * A meeting its owner or a current invitee may read. Anyone else gets 403, not 404: the ids are
 * unguessable and owner-only actions answer 403 anyway (see docs/meetings.md).
 */
export async function readableMeeting(id: string, user: Viewer): Promise<FullMeeting> {
  const m = await load(id);
  if (accessOf(m, user).kind === "none") throw errors.forbidden(NOT_INVITED);
  return m;
}

export async function getMeeting(id: string, user: Viewer, now = new Date()): Promise<MeetingJson> {
  return viewFor(await readableMeeting(id, user), user, now);
}

export async function getAttendance(id: string, user: Viewer, now = new Date()) {
  const m = await load(id);
  requireOwner(m, user, "see the attendance of");
  return attendanceReport(m, now);
}

/** Upcoming (scheduled or ongoing) meetings: an instructor's own, a student's not declined. */
export async function upcomingMeetings(user: Viewer): Promise<CalendarMeeting[]> {
  const mine: Prisma.MeetingWhereInput =
    user.role === "instructor"
      ? { instructorId: user.id }
      : { participants: { some: { studentId: user.id, removedAt: null, status: { not: "declined" } } } };
  return db().meeting.findMany({
    where: { ...mine, status: { in: ["scheduled", "ongoing"] } },
    include: { instructor: meetingInclude.instructor },
    orderBy: [{ scheduledDate: "asc" }, { id: "asc" }],
    take: 1000,
  });
}

// ---- changes ----

export async function createMeeting(user: Viewer, input: CreateMeetingInput, now = new Date()): Promise<MeetingJson> {
  if (user.role !== "instructor") throw errors.forbidden("Only instructors can create meetings");
  const details: ErrorDetails = {};
  const when = scheduleProblems(input.scheduled_date, now);
  if (when.length) details.scheduled_date = when;
  const studentIds = await checkStudents(input.student_ids, details);
  const courseId = await resolveCourse(user, input.course, details);
  throwIfAny(details);
  const created = await withNewMeetingRoom(user.id, input.title, (roomId) =>
    db().meeting.create({
      data: {
        title: input.title,
        description: input.description ?? "",
        instructorId: user.id,
        scheduledDate: input.scheduled_date,
        duration: input.duration,
        roomId,
        courseId,
        participants: { create: studentIds.map((studentId) => ({ studentId })) },
      },
      select: { id: true },
    }),
  );
  const view = instructorView(await published(created.id, now, true), now);
  meetingCreated(created.id);
  return view;
}

/**
 * Change fields and the invitee list. Added students are invited (a student removed earlier
 * gets their row, and attendance, back); removed ones are dropped, except those who already
 * joined: they keep their attendance, lose access, and an open interval closes now.
 */
export async function updateMeeting(id: string, user: Viewer, input: UpdateMeetingInput, now = new Date()): Promise<MeetingJson> {
  const { roomId, removed, invited, calendarChange, leaveGroups } = await withMeeting(id, async (tx, m) => {
    requireOwner(m, user, "update");
    // A held meeting can still be filed under its course (the register is often kept afterwards).
    const onlyCourse = Object.entries(input).every(([k, v]) => k === "course" || v === undefined);
    if ((m.status === "completed" && !onlyCourse) || m.status === "cancelled") statusConflict(m, "be changed");
    const details: ErrorDetails = {};
    if (input.scheduled_date && input.scheduled_date.getTime() !== m.scheduledDate.getTime()) {
      const when = scheduleProblems(input.scheduled_date, now);
      if (when.length) details.scheduled_date = when;
    }
    const studentIds = input.student_ids && (await checkStudents(input.student_ids, details, tx));
    const courseId = await resolveCourse(user, input.course, details, tx);
    throwIfAny(details);

    // Only a real change raises the SEQUENCE (and mails the invitees an update).
    const calendarChange =
      (input.title !== undefined && input.title !== m.title) ||
      (input.description !== undefined && input.description !== m.description) ||
      (input.scheduled_date !== undefined && input.scheduled_date.getTime() !== m.scheduledDate.getTime()) ||
      (input.duration !== undefined && input.duration !== m.duration);
    await tx.meeting.update({
      where: { id },
      data: {
        title: input.title,
        description: input.description,
        scheduledDate: input.scheduled_date,
        duration: input.duration,
        courseId,
        ...(calendarChange ? { sequence: { increment: 1 } } : {}),
      },
    });
    const removed = studentIds ? await syncInvitees(tx, m, studentIds, now) : [];
    const invited = (studentIds ?? []).filter((sid) => !m.participants.some((p) => p.studentId === sid && !p.removedAt));
    const leaveGroups = await dropFromRunningBreakouts(tx, m, removed);
    return { roomId: m.roomId, removed, invited, calendarChange, leaveGroups };
  });
  if (input.title !== undefined) await renameMeetingRoom(roomId, input.title);
  await removeFromMeetingRoom(roomId, removed);
  await leaveGroups();
  const view = instructorView(await published(id, now, true), now);
  meetingChanged({ meetingId: id, details: calendarChange, invited, uninvited: removed });
  return view;
}

/** Applies the new invitee list; returns the students taken off it. */
async function syncInvitees(tx: Tx, m: FullMeeting, ids: string[], now: Date): Promise<string[]> {
  const removed: string[] = [];
  const wanted = new Set(ids);
  const existing = new Map(m.participants.map((p) => [p.studentId, p]));
  const added = ids.filter((sid) => !existing.has(sid));
  if (added.length) await tx.meetingParticipant.createMany({ data: added.map((studentId) => ({ meetingId: m.id, studentId })) });
  for (const p of m.participants) {
    if (wanted.has(p.studentId)) {
      if (p.removedAt) await tx.meetingParticipant.update({ where: { id: p.id }, data: { removedAt: null } });
    } else if (!p.removedAt) {
      removed.push(p.studentId);
      if (!p.firstJoinedAt) await tx.meetingParticipant.delete({ where: { id: p.id } });
      else {
        const closed = applyLeave(attendanceState(p), now);
        await tx.meetingParticipant.update({
          where: { id: p.id },
          data: { removedAt: now, leftAt: closed.leftAt, attendedSeconds: closed.attendedSeconds },
        });
      }
    }
  }
  return removed;
}

/** Soft delete: `cancelled`, only before the meeting started (an ongoing one is ended). */
export async function cancelMeeting(id: string, user: Viewer, now = new Date()): Promise<MeetingJson> {
  await withMeeting(id, async (tx, m) => {
    requireOwner(m, user, "cancel");
    if (m.status !== "scheduled") statusConflict(m, "be cancelled");
    await tx.meeting.update({ where: { id }, data: { status: "cancelled", sequence: { increment: 1 } } });
  });
  const view = instructorView(await published(id, now, true), now);
  meetingCancelled(id);
  return view;
}

export async function startMeeting(id: string, user: Viewer, now = new Date()): Promise<MeetingJson> {
  await withMeeting(id, async (tx, m) => {
    requireOwner(m, user, "start");
    if (m.status !== "scheduled") statusConflict(m, "start");
    await tx.meeting.update({ where: { id }, data: { status: "ongoing", startedAt: now } });
  });
  const meeting = instructorView(await published(id, now, true), now);
  publish("meetings.started", { instructorId: user.id, meeting });
  return meeting;
}

/**
 * `completed` at `now`: open intervals close at the end, invitees who never joined become absent,
 * running breakout groups end with it.
 */
export async function endMeeting(id: string, user: Viewer, now = new Date()): Promise<MeetingJson> {
  const closeBreakouts = await withMeeting(id, async (tx, m) => {
    requireOwner(m, user, "end");
    if (m.status !== "ongoing") statusConflict(m, "end");
    await tx.meeting.update({ where: { id }, data: { status: "completed", endedAt: now } });
    await tx.meetingParticipant.updateMany({ where: { meetingId: id, firstJoinedAt: null, removedAt: null }, data: { status: "absent" } });
    for (const p of m.participants) {
      const state = attendanceState(p);
      if (p.removedAt || !isPresent(state)) continue;
      const closed = applyLeave(state, leaveTime(p.lastHeartbeatAt, now));
      await tx.meetingParticipant.update({
        where: { id: p.id },
        data: { leftAt: closed.leftAt, attendedSeconds: closed.attendedSeconds, lastHeartbeatAt: null },
      });
    }
    return closeRunningBreakouts(tx, m, now);
  });
  await closeBreakouts();
  const m = await published(id, now, true);
  const meeting = instructorView(m, now);
  publish("meetings.ended", { instructorId: user.id, meeting, attendance: attendanceReport(m, now) });
  return meeting;
}

/**
 * The link, for the owner or an invitee, only while the meeting is ongoing; an invitee's interval
 * opens. Joining also enters the meeting's companion room.
 */
export async function joinMeeting(id: string, user: Viewer, now = new Date()) {
  const changed = await withMeeting(id, async (tx, m) => {
    const access = accessOf(m, user);
    if (access.kind === "none") throw errors.forbidden(NOT_INVITED);
    if (m.status !== "ongoing") statusConflict(m, "be joined");
    // The owner just gets the link; an invitee already in (a second tab, a retry) changes nothing.
    if (access.kind === "owner" || isPresent(attendanceState(access.participant))) return false;
    const state = applyJoin(attendanceState(access.participant), now);
    await tx.meetingParticipant.update({
      where: { id: access.participant.id },
      data: { status: "attended", firstJoinedAt: state.firstJoinedAt, joinedAt: state.joinedAt, leftAt: state.leftAt },
    });
    return true;
  });
  const m = changed ? await published(id, now) : await load(id);
  await enterMeetingRoom(m.roomId, user.id);
  return { meeting_link: await joinLink(m, user, now), meeting: viewFor(m, user, now) };
}

/**
 * The link a joiner gets: with a Jitsi JWT when configured (the owner as moderator), else plain;
 * to the meeting's call, or to `roomName` (a breakout group's call).
 */
export async function joinLink(m: FullMeeting, user: Viewer, now: Date, roomName?: string): Promise<string> {
  const config = jitsiConfig();
  if (!config) return roomName ? callLink(roomName) : meetingLink(m.meetingId);
  const who = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { ...userSummarySelect, email: true } });
  const avatar = userSummary(who).avatar_url;
  return jitsiJoinLink(
    config,
    m,
    {
      id: who.id,
      name: who.name,
      email: who.email,
      avatar: avatar ? new URL(avatar, env().APP_URL).toString() : null,
      moderator: m.instructorId === user.id,
    },
    now,
    roomName,
  );
}

/** An invitee leaves: the open interval closes and its seconds add to the total. */
export async function leaveMeeting(id: string, user: Viewer, now = new Date()): Promise<MeetingJson> {
  await withMeeting(id, async (tx, m) => {
    const p = requireInvitee(m, user, "leave a meeting");
    const state = attendanceState(p);
    if (!isPresent(state)) throw errors.conflict("You are not in this meeting: join it first");
    const closed = applyLeave(state, leaveTime(p.lastHeartbeatAt, now));
    await tx.meetingParticipant.update({
      where: { id: p.id },
      data: { leftAt: closed.leftAt, attendedSeconds: closed.attendedSeconds, lastHeartbeatAt: null },
    });
  });
  return studentView(await published(id, now), user.id, now);
}

/**
 * The embedded call's presence (`POST /api/meetings/:id/presence`): while the call reports the
 * student joined, a beat at least every 30 s keeps their interval open; a gap of more than 90 s
 * closed it at the last beat; `in_call: false` closes it now. The owner's beats count nothing.
 * Only a change of presence (not each beat) goes out to the meeting's views.
 */
export async function callPresence(id: string, user: Viewer, inCall: boolean, now = new Date()): Promise<{ in_call: boolean }> {
  const changed = await withMeeting(id, async (tx, m) => {
    const access = accessOf(m, user);
    if (access.kind === "none") throw errors.forbidden(NOT_INVITED);
    if (m.status !== "ongoing") statusConflict(m, inCall ? "be joined" : "be left");
    if (access.kind === "owner") return false;
    const p = access.participant;
    const state = attendanceState(p);
    if (inCall) {
      const next = applyHeartbeat(state, p.lastHeartbeatAt, now);
      await tx.meetingParticipant.update({
        where: { id: p.id },
        data: {
          status: "attended",
          firstJoinedAt: next.firstJoinedAt,
          joinedAt: next.joinedAt,
          leftAt: next.leftAt,
          attendedSeconds: next.attendedSeconds,
          lastHeartbeatAt: now,
        },
      });
      return next.joinedAt?.getTime() !== state.joinedAt?.getTime() || !isPresent(state);
    }
    if (!isPresent(state)) return false;
    const closed = applyLeave(state, leaveTime(p.lastHeartbeatAt, now));
    await tx.meetingParticipant.update({
      where: { id: p.id },
      data: { leftAt: closed.leftAt, attendedSeconds: closed.attendedSeconds, lastHeartbeatAt: null },
    });
    return true;
  });
  if (changed) await published(id, now);
  return { in_call: inCall };
}

/**
 * Intervals kept by call heartbeats whose beats stopped (a closed tab, a lost connection): closed
 * at their last beat. Run every minute on one node (lib/meetings/jobs.ts).
 */
export async function closeLapsedCalls(now = new Date()): Promise<number> {
  const lapsed = await db().meetingParticipant.findMany({
    where: {
      leftAt: null,
      joinedAt: { not: null },
      lastHeartbeatAt: { lt: new Date(now.getTime() - CALL_GRACE_MS) },
      meeting: { status: "ongoing" },
    },
    select: { meetingId: true },
    distinct: ["meetingId"],
  });
  for (const { meetingId } of lapsed) {
    await withMeeting(meetingId, async (tx, m) => {
      for (const p of m.participants) {
        const state = attendanceState(p);
        if (!isPresent(state) || !p.lastHeartbeatAt || now.getTime() - p.lastHeartbeatAt.getTime() <= CALL_GRACE_MS) continue;
        const closed = applyLeave(state, p.lastHeartbeatAt);
        await tx.meetingParticipant.update({
          where: { id: p.id },
          data: { leftAt: closed.leftAt, attendedSeconds: closed.attendedSeconds, lastHeartbeatAt: null },
        });
      }
    });
    await published(meetingId, now);
  }
  return lapsed.length;
}

/** Accept or decline, until the meeting is over; changing one's mind is fine, after joining it is not. */
export async function respondToMeeting(id: string, user: Viewer, action: "accept" | "decline", now = new Date()): Promise<MeetingJson> {
  await withMeeting(id, async (tx, m) => {
    const p = requireInvitee(m, user, "respond to a meeting");
    if (m.status !== "scheduled" && m.status !== "ongoing") statusConflict(m, "take responses");
    if (p.firstJoinedAt) throw errors.conflict("You already joined this meeting: your attendance is recorded");
    await tx.meetingParticipant.update({
      where: { id: p.id },
      data: { response: action, status: action === "accept" ? "accepted" : "declined" },
    });
  });
  return studentView(await published(id, now), user.id, now);
}
