// The course register (CONTRACT.md section 11, docs/meetings.md "Course register"): linking
// meetings to a course channel, the cells computed from real start/join/leave/end calls,
// overrides, the JSON and CSV grid, percentages, a student's own record, and every refusal in
// the contract's format with nothing changed.
//
// Time is simulated, not waited for: after a start the test moves the stored `scheduled_date`
// and `started_at` into the past (and a join with backdateJoin), so "joined an hour after the
// start" is a real join measured against stored timestamps.
import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, api, createUser, unique, type TestUser } from "../helpers/client";
import { createChannel } from "../helpers/chat";
import { parseCsv } from "../helpers/formats";
import { action, backdateJoin, createMeeting, inDays, testDb } from "../helpers/meetings";

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** Put a started meeting's plan and actual start into the past. */
async function shiftMeeting(id: string, times: { scheduled: number; started: number }) {
  await testDb().meeting.update({
    where: { id },
    data: { scheduledDate: minutesAgo(times.scheduled), startedAt: minutesAgo(times.started) },
  });
}

const register = (slug: string, user: TestUser, format = "") =>
  api(`/api/channels/${slug}/attendance${format ? `?format=${format}` : ""}`, { token: user.token });

const patch = (meetingId: string, studentId: string, user: TestUser, body: unknown) =>
  api(`/api/meetings/${meetingId}/participants/${studentId}`, { method: "PATCH", token: user.token, body });

/** Everything the register is made of, to assert that a refusal changed nothing. */
async function registerState(meetingIds: string[]) {
  const db = testDb();
  const [meetings, participants, overrides] = await Promise.all([
    db.meeting.findMany({ where: { id: { in: meetingIds } }, orderBy: { id: "asc" } }),
    db.meetingParticipant.findMany({ where: { meetingId: { in: meetingIds } }, orderBy: { id: "asc" } }),
    db.registerOverride.findMany({ where: { participant: { meetingId: { in: meetingIds } } }, orderBy: { participantId: "asc" } }),
  ]);
  return { meetings, participants, overrides };
}

function expectRefusal(res: { status: number; body: Record<string, unknown> }, status: number, code: string) {
  expect({ status: res.status, success: res.body.success, code: res.body.code }).toEqual({ status, success: false, code });
  expect(typeof res.body.error).toBe("string");
}

let prof: TestUser, other: TestUser, s1: TestUser, s2: TestUser, s3: TestUser, s4: TestUser;
// `course` holds the register's sessions; `linking` the meetings of the linking rules.
let course: { slug: string; name: string }, linking: { slug: string; name: string };
let otherCourse: { slug: string }, publicChannel: { slug: string };

beforeAll(async () => {
  [prof, other, s1, s2, s3, s4] = await Promise.all([
    createUser({ role: "instructor" }),
    createUser({ role: "instructor" }),
    createUser({ role: "student", name: "Ada Lovelace" }),
    createUser({ role: "student", name: "Blaise Pascal" }),
    createUser({ role: "student", name: "Carl Gauss" }),
    createUser({ role: "student", name: "Dora =Formula" }),
  ]);
  [course, linking, otherCourse, publicChannel] = await Promise.all([
    createChannel(prof, { name: unique("Algebra "), type: "course", member_ids: [s1.id, s2.id, s3.id, s4.id] }),
    createChannel(prof, { name: unique("Geometry "), type: "course" }),
    createChannel(other, { name: unique("Physics "), type: "course" }),
    createChannel(prof, { name: unique("Lounge "), type: "public" }),
  ]);
});

describe("linking meetings to a course", () => {
  it("takes a course channel the instructor owns, shows it, changes and removes it", async () => {
    const m = await createMeeting(prof, [s1], { course: linking.slug });
    expect(m.course).toEqual({ slug: linking.slug, name: linking.name });
    const plain = await createMeeting(prof, [s1]);
    expect(plain.course).toBeNull();

    const unlinked = await api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { course: null } });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.meeting.course).toBeNull();
    const linked = await api(`/api/meetings/${plain.id}/`, { method: "PUT", token: prof.token, body: { course: linking.slug } });
    expect(linked.body.meeting.course).toEqual({ slug: linking.slug, name: linking.name });
    // The student sees the course too.
    expect((await api(`/api/meetings/${plain.id}`, { token: s1.token })).body.meeting.course).toEqual({
      slug: linking.slug,
      name: linking.name,
    });
  });

  it("a completed meeting can still be filed under its course, and nothing else changes", async () => {
    const m = await createMeeting(prof, [s1], { scheduled_date: new Date().toISOString() });
    await action(prof, m.id, "start");
    await action(prof, m.id, "end");
    const filed = await api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { course: linking.slug } });
    expect(filed.status).toBe(200);
    expect(filed.body.meeting).toMatchObject({ status: "completed", course: { slug: linking.slug } });
    const renamed = await api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { course: linking.slug, title: "New" } });
    expectRefusal(renamed, 409, "CONFLICT");
  });

  it("refuses an unknown slug, a channel that is not a course and another instructor's course; nothing is created or changed", async () => {
    const count = () => testDb().meeting.count({ where: { instructorId: prof.id } });
    const before = await count();
    const body = { title: "Linked", scheduled_date: inDays(1), duration: 60, student_ids: [s1.id] };
    const unknown = await api("/api/meetings", { token: prof.token, body: { ...body, course: "no-such-course-x" } });
    expectRefusal(unknown, 400, "VALIDATION_ERROR");
    expect(unknown.body.details?.course).toEqual([expect.stringContaining("no-such-course-x")]);
    const notCourse = await api("/api/meetings", { token: prof.token, body: { ...body, course: publicChannel.slug } });
    expectRefusal(notCourse, 400, "VALIDATION_ERROR");
    expect(notCourse.body.details?.course?.[0]).toContain("not a course channel");
    const notMine = await api("/api/meetings", { token: prof.token, body: { ...body, course: otherCourse.slug } });
    expectRefusal(notMine, 403, "FORBIDDEN");
    const badType = await api("/api/meetings", { token: prof.token, body: { ...body, course: 42 } });
    expectRefusal(badType, 400, "VALIDATION_ERROR");
    expect(badType.body.details).toHaveProperty("course");
    expect(await count()).toBe(before);

    const m = await createMeeting(prof, [s1], { course: linking.slug });
    const stateBefore = await registerState([m.id]);
    for (const [value, status] of [
      [otherCourse.slug, 403],
      [publicChannel.slug, 400],
      ["", 400],
    ] as const) {
      const res = await api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { course: value, title: "Changed?" } });
      expect(res.status).toBe(status);
    }
    // Another instructor cannot file prof's meeting anywhere, not even under their own course.
    const foreign = await api(`/api/meetings/${m.id}`, { method: "PUT", token: other.token, body: { course: otherCourse.slug } });
    expectRefusal(foreign, 403, "FORBIDDEN");
    expect(await registerState([m.id])).toEqual(stateBefore);
  });
});

describe("the register of a course", () => {
  // m1: scheduled and started an hour ago. m2: scheduled 30 min ago, started 2 min ago (the
  // instructor was late). m3: in three days. m4: cancelled. m5: no course.
  let m1: Record<string, any>, m2: Record<string, any>, m3: Record<string, any>, m4: Record<string, any>;
  let ids: string[];

  beforeAll(async () => {
    const now = new Date().toISOString();
    m1 = await createMeeting(prof, [s1, s2, s3, s4], { title: "Session 1", scheduled_date: now, course: course.slug });
    m2 = await createMeeting(prof, [s1, s3, s4], { title: "Session 2", scheduled_date: now, course: course.slug });
    m3 = await createMeeting(prof, [s1, s2], { title: "Session 3", scheduled_date: inDays(3), course: course.slug });
    m4 = await createMeeting(prof, [s1], { title: "Cancelled", scheduled_date: inDays(2), course: course.slug });
    await createMeeting(prof, [s1], { title: "Office hours", scheduled_date: inDays(2) });
    await api(`/api/meetings/${m4.id}`, { method: "DELETE", token: prof.token });
    ids = [m1.id, m2.id, m3.id, m4.id];

    await action(prof, m1.id, "start");
    await shiftMeeting(m1.id, { scheduled: 60, started: 60 });
    await action(s2, m1.id, "join");
    await backdateJoin(m1.id, s2.id, 55); // 5 minutes after the start: present
    await action(s1, m1.id, "join"); // an hour after the start: late
    await action(s4, m1.id, "join"); // late too, excused below
  });

  it("reads absent for whoever has not joined a running session, and leaves future sessions empty", async () => {
    const res = await register(course.slug, prof);
    expect(res.status).toBe(200);
    expect(res.body.course).toEqual({ id: expect.any(String), slug: course.slug, name: course.name });
    expect(res.body.late_after_minutes).toBe(10);
    const titles = res.body.sessions.map((s: { title: string }) => s.title);
    // Not the cancelled one, not the one without a course.
    expect(titles).toEqual(["Session 1", "Session 2", "Session 3"]);
    const i1 = res.body.sessions.findIndex((s: { id: string }) => s.id === m1.id);
    const i3 = res.body.sessions.findIndex((s: { id: string }) => s.id === m3.id);
    expect(res.body.sessions[i1]).toMatchObject({ status: "ongoing", held: true });
    expect(res.body.sessions[i3]).toMatchObject({ status: "scheduled", held: false, start: null });
    const carl = res.body.students.find((r: any) => r.student.id === s3.id);
    expect(carl.cells[i1]).toMatchObject({ status: "absent", computed_status: "absent", overridden: false, joined_at: null });
    const ada = res.body.students.find((r: any) => r.student.id === s1.id);
    expect(ada.cells[i3]).toMatchObject({ status: null, computed_status: null, minutes: 0 });
  });

  it("computes present, late and absent from the joins, measured from the later of the plan and the start", async () => {
    await action(s1, m1.id, "leave");
    await action(prof, m1.id, "end");

    await action(prof, m2.id, "start");
    await shiftMeeting(m2.id, { scheduled: 30, started: 2 });
    await action(s1, m2.id, "join"); // 2 minutes after the actual start, 30 after the plan: present
    await action(s3, m2.id, "join");
    await backdateJoin(m2.id, s3.id, 1);
    await action(prof, m2.id, "end"); // s4 never joined: absent

    const res = await register(course.slug, prof);
    const idx = (id: string) => res.body.sessions.findIndex((s: { id: string }) => s.id === id);
    const row = (u: TestUser) => res.body.students.find((r: any) => r.student.id === u.id);
    const [i1, i2, i3] = [idx(m1.id), idx(m2.id), idx(m3.id)];
    expect(row(s2).cells[i1]).toMatchObject({ status: "present", computed_status: "present" });
    expect(row(s2).cells[i1].minutes_late).toBeGreaterThanOrEqual(4.9);
    expect(row(s2).cells[i1].minutes_late).toBeLessThanOrEqual(10);
    expect(row(s2).cells[i1].minutes).toBeGreaterThanOrEqual(55);
    expect(row(s1).cells[i1]).toMatchObject({ status: "late", overridden: false, note: null });
    expect(row(s1).cells[i1].minutes_late).toBeGreaterThan(59);
    expect(row(s3).cells[i1]).toMatchObject({ status: "absent", minutes: 0, minutes_late: null });
    expect(row(s1).cells[i2]).toMatchObject({ status: "present" });
    expect(row(s1).cells[i2].minutes_late).toBeLessThan(10);
    expect(row(s3).cells[i2]).toMatchObject({ status: "present" });
    expect(row(s4).cells[i2]).toMatchObject({ status: "absent" });
    expect(row(s2).cells[i2]).toBeNull(); // not invited
    const session2 = res.body.sessions[i2];
    expect(session2.start).toBe(session2.started_at); // the instructor's late start is the reference
    expect(res.body.sessions[i3].held).toBe(false);
    // Students by name.
    expect(res.body.students.map((r: any) => r.student.id)).toEqual([s1.id, s2.id, s3.id, s4.id]);
  });

  it("overrides a cell with a note, keeps the measured value beside it, and can remove the override", async () => {
    const excused = await patch(m1.id, s4.id, prof, { status: "excused", note: "Doctor's appointment" });
    expect(excused.status).toBe(200);
    expect(excused.body).toMatchObject({
      success: true,
      meeting_id: m1.id,
      student_id: s4.id,
      cell: { status: "excused", computed_status: "late", overridden: true, note: "Doctor's appointment" },
    });
    // Status changed, note omitted: the note stays.
    const late = await patch(m1.id, s4.id, prof, { status: "late" });
    expect(late.body.cell).toMatchObject({ status: "late", overridden: true, note: "Doctor's appointment" });
    await patch(m1.id, s4.id, prof, { status: "excused" });
    // An excuse announced ahead of a session not held yet.
    const ahead = await patch(m3.id, s2.id, prof, { status: "excused", note: "Away at a contest" });
    expect(ahead.body.cell).toMatchObject({ status: "excused", computed_status: null });
    // Measured attendance untouched by overrides.
    const p = await testDb().meetingParticipant.findUniqueOrThrow({
      where: { meetingId_studentId: { meetingId: m1.id, studentId: s4.id } },
    });
    expect(p.status).toBe("attended");

    const res = await register(course.slug, prof);
    const i1 = res.body.sessions.findIndex((s: { id: string }) => s.id === m1.id);
    const dora = res.body.students.find((r: any) => r.student.id === s4.id);
    expect(dora.cells[i1]).toMatchObject({ status: "excused", computed_status: "late", note: "Doctor's appointment" });

    // A temporary override removed: the computed value is back.
    await patch(m2.id, s1.id, prof, { status: "absent", note: "Camera off" });
    const cleared = await patch(m2.id, s1.id, prof, { status: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.cell).toMatchObject({ status: "present", overridden: false, note: null });
  });

  it("counts present + late over held sessions, excused left out", async () => {
    const res = await register(course.slug, prof);
    const totals = (u: TestUser) => res.body.students.find((r: any) => r.student.id === u.id).totals;
    // Ada: late, present (Session 3 not held).
    expect(totals(s1)).toEqual({ present: 1, late: 1, absent: 0, excused: 0, counted: 2, percentage: 100 });
    // Blaise: present; his excuse for Session 3 counts once it is held.
    expect(totals(s2)).toEqual({ present: 1, late: 0, absent: 0, excused: 0, counted: 1, percentage: 100 });
    // Carl: absent, present.
    expect(totals(s3)).toEqual({ present: 1, late: 0, absent: 1, excused: 0, counted: 2, percentage: 50 });
    // Dora: excused, absent.
    expect(totals(s4)).toEqual({ present: 0, late: 0, absent: 1, excused: 1, counted: 1, percentage: 0 });
  });

  it("downloads the grid as CSV with the same values", async () => {
    const json = (await register(course.slug, prof)).body;
    const res = await register(course.slug, prof, "csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="register-[a-z0-9-]+\.csv"$/);
    const rows = parseCsv(String(res.body.raw));
    const header = rows[0]!;
    expect(header.slice(0, 4)).toEqual(["student_id", "username", "name", "email"]);
    expect(header.slice(-6)).toEqual(["present", "late", "absent", "excused", "counted", "percentage"]);
    const sessionColumns = json.sessions.map((s: any) => `${s.scheduled_date.slice(0, 16).replace("T", " ")} ${s.title}`);
    expect(header.slice(4, -6)).toEqual(sessionColumns);
    expect(rows.slice(1).map((r) => r[0])).toEqual([s1.id, s2.id, s3.id, s4.id]);
    const col = (id: string) => 4 + json.sessions.findIndex((s: { id: string }) => s.id === id);
    const csvRow = (u: TestUser) => rows.find((r) => r[0] === u.id)!;
    const doraJson = json.students.find((r: any) => r.student.id === s4.id);
    expect(csvRow(s4)[col(m1.id)]).toBe(`excused (${doraJson.cells[col(m1.id) - 4].minutes} min): Doctor's appointment`);
    expect(csvRow(s4)[2]).toBe("Dora =Formula");
    expect(csvRow(s2)[col(m2.id)]).toBe("n/a");
    expect(csvRow(s1)[col(m3.id)]).toBe("");
    expect(csvRow(s3).slice(-6)).toEqual(["1", "0", "1", "0", "2", "50"]);
    expect(csvRow(s4).slice(-1)).toEqual(["0"]);
  });

  it("gives each student their own record per course", async () => {
    const res = await api("/api/meetings/my/register", { token: s4.token });
    expect(res.status).toBe(200);
    const mine = res.body.courses.find((c: any) => c.course.slug === course.slug);
    expect(mine.sessions.map((s: { id: string }) => s.id)).toEqual([m1.id, m2.id]);
    expect(mine.cells.map((c: any) => c.status)).toEqual(["excused", "absent"]);
    expect(mine.cells[0].note).toBe("Doctor's appointment");
    expect(mine.totals).toMatchObject({ counted: 1, percentage: 0 });
    const blaise = (await api("/api/meetings/my/register/", { token: s2.token })).body.courses.find(
      (c: any) => c.course.slug === course.slug,
    );
    expect(blaise.sessions.map((s: { id: string }) => s.id)).toEqual([m1.id, m3.id]);
    expect(blaise.cells.map((c: any) => c.status)).toEqual(["present", "excused"]);
    // An instructor has no invitations: an empty record.
    expect((await api("/api/meetings/my/register", { token: other.token })).body.courses).toEqual([]);
  });

  it("shows the register to the course's instructor and administrators only", async () => {
    for (const u of [s1, other]) {
      expectRefusal(await register(course.slug, u), 403, "FORBIDDEN");
      expectRefusal(await register(course.slug, u, "csv"), 403, "FORBIDDEN");
    }
    expectRefusal(await register(publicChannel.slug, prof), 404, "NOT_FOUND");
    expectRefusal(await register("no-such-course-x", prof), 404, "NOT_FOUND");
    expectRefusal(await register(course.slug, prof, "xml"), 400, "VALIDATION_ERROR");
    const admin = await register(course.slug, { ...prof, token: await adminToken() });
    expect(admin.status).toBe(200);
    expect(admin.body.students).toHaveLength(4);
  });

  it("refuses bad overrides and other people's, changing nothing", async () => {
    const before = await registerState(ids);
    const cases: [TestUser, string, string, unknown, number, string][] = [
      [prof, m1.id, s1.id, { status: "sick" }, 400, "VALIDATION_ERROR"],
      [prof, m1.id, s1.id, {}, 400, "VALIDATION_ERROR"],
      [prof, m1.id, s1.id, { status: "late", note: "x".repeat(501) }, 400, "VALIDATION_ERROR"],
      [prof, m1.id, s1.id, { status: "late", note: 5 }, 400, "VALIDATION_ERROR"],
      [prof, m1.id, s1.id, { status: "late", colour: "red" }, 400, "VALIDATION_ERROR"],
      [prof, m1.id, s1.id, { status: null, note: "why" }, 400, "VALIDATION_ERROR"],
      [s1, m1.id, s1.id, { status: "present" }, 403, "FORBIDDEN"],
      [other, m1.id, s1.id, { status: "present" }, 403, "FORBIDDEN"],
      [prof, m2.id, s2.id, { status: "present" }, 404, "NOT_FOUND"], // not invited
      [prof, "no-such-meeting", s1.id, { status: "present" }, 404, "NOT_FOUND"],
      [prof, m3.id, s1.id, { status: "present" }, 409, "CONFLICT"], // not held: only excused ahead
      [prof, m4.id, s1.id, { status: "excused" }, 409, "CONFLICT"], // cancelled
    ];
    for (const [user, meetingId, studentId, body, status, code] of cases) {
      const res = await patch(meetingId, studentId, user, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      expect(res.body.success).toBe(false);
    }
    const bad = await patch(m1.id, s1.id, prof, { status: "sick" });
    expect(Object.keys(bad.body.details ?? {})).toEqual(["status"]);
    expect(await registerState(ids)).toEqual(before);
  });
});
