// Bad input and out-of-order actions on every endpoint: 400 with field details, 404 for unknown
// meetings, 409 for the status workflow; each refusal leaves the stored data unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createUser, type TestUser } from "../helpers/client";
import { action, createMeeting, inDays, snapshot, testDb } from "../helpers/meetings";

let prof: TestUser;
let otherProf: TestUser;
let student: TestUser;

beforeAll(async () => {
  [prof, otherProf, student] = await Promise.all([
    createUser({ role: "instructor" }),
    createUser({ role: "instructor" }),
    createUser({ role: "student" }),
  ]);
});

const count = () => testDb().meeting.count({ where: { instructorId: prof.id } });

function expectValidation(res: { status: number; body: any }, fields: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
  expect(typeof res.body.error).toBe("string");
  for (const f of fields) expect(res.body.details?.[f], `details.${f} in ${JSON.stringify(res.body.details)}`).toBeDefined();
}

describe("POST /api/meetings: bad input", () => {
  const valid = () => ({ title: "Ok", scheduled_date: inDays(1), duration: 60, student_ids: [student.id] });
  const cases: [string, (b: Record<string, unknown>) => Record<string, unknown>, string[]][] = [
    ["no scheduled_date", ({ scheduled_date: _, ...b }) => b, ["scheduled_date"]],
    ["a scheduled_date that is not ISO 8601", (b) => ({ ...b, scheduled_date: "next tuesday" }), ["scheduled_date"]],
    ["a date only", (b) => ({ ...b, scheduled_date: "2031-01-01" }), ["scheduled_date"]],
    ["an impossible day", (b) => ({ ...b, scheduled_date: "2031-02-30T10:00:00Z" }), ["scheduled_date"]],
    ["a number for scheduled_date", (b) => ({ ...b, scheduled_date: 1_900_000_000 }), ["scheduled_date"]],
    ["a past date (the seed's example date)", (b) => ({ ...b, scheduled_date: "2025-11-01T14:00:00" }), ["scheduled_date"]],
    ["a date more than two years ahead", (b) => ({ ...b, scheduled_date: inDays(800) }), ["scheduled_date"]],
    ["no duration", ({ duration: _, ...b }) => b, ["duration"]],
    ["a zero duration", (b) => ({ ...b, duration: 0 }), ["duration"]],
    ["a negative duration", (b) => ({ ...b, duration: -30 }), ["duration"]],
    ["over 24 hours", (b) => ({ ...b, duration: 1441 }), ["duration"]],
    ["a fractional duration", (b) => ({ ...b, duration: 12.5 }), ["duration"]],
    ["a duration as a string", (b) => ({ ...b, duration: "60" }), ["duration"]],
    ["no title", ({ title: _, ...b }) => b, ["title"]],
    ["a blank title", (b) => ({ ...b, title: "   " }), ["title"]],
    ["a title too long", (b) => ({ ...b, title: "t".repeat(201) }), ["title"]],
    ["a description too long", (b) => ({ ...b, description: "d".repeat(5001) }), ["description"]],
    ["student_ids not a list", (b) => ({ ...b, student_ids: student.id }), ["student_ids"]],
    ["an unknown student id", (b) => ({ ...b, student_ids: [student.id, "nope-not-a-user"] }), ["student_ids.1"]],
    ["an instructor among the students", (b) => ({ ...b, student_ids: [otherProf.id] }), ["student_ids.0"]],
    [
      "an unknown id after a duplicate (the index as sent)",
      (b) => ({ ...b, student_ids: [student.id, student.id, "ghost"] }),
      ["student_ids.2"],
    ],
    ["an empty id", (b) => ({ ...b, student_ids: [""] }), ["student_ids.0"]],
    [
      "several problems at once",
      (b) => ({ ...b, duration: 0, title: "", scheduled_date: "soon" }),
      ["duration", "title", "scheduled_date"],
    ],
    [
      "a past date and an unknown student",
      (b) => ({ ...b, scheduled_date: "2020-01-01T00:00:00Z", student_ids: ["ghost"] }),
      ["scheduled_date", "student_ids.0"],
    ],
  ];
  for (const [name, mutate, fields] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await count();
      expectValidation(await api("/api/meetings/", { token: prof.token, body: mutate(valid()) }), fields);
      expect(await count()).toBe(before);
    });
  }

  it("refuses malformed JSON and a non-object body", async () => {
    const before = await count();
    const bad = await api("/api/meetings", {
      method: "POST",
      token: prof.token,
      raw: "{oops",
      headers: { "content-type": "application/json" },
    });
    expectValidation(bad, ["body"]);
    expectValidation(await api("/api/meetings", { token: prof.token, body: [1, 2] }), ["body"]);
    expect(await count()).toBe(before);
  });

  it("accepts an empty or missing student list, a time without offset (as UTC), duplicates once, 1440 minutes", async () => {
    const noOffset = new Date(Date.now() + 86_400_000).toISOString().slice(0, 19);
    const a = await api("/api/meetings", { token: prof.token, body: { title: "A", scheduled_date: noOffset, duration: 1440 } });
    expect(a.status).toBe(201);
    expect(a.body.meeting.scheduled_date).toBe(`${noOffset}.000Z`);
    expect(a.body.meeting.participants).toEqual([]);
    const day = inDays(30).slice(0, 10);
    const offset = await api("/api/meetings", {
      token: prof.token,
      body: { title: "B", scheduled_date: `${day}T10:00:00+02:00`, duration: 1, student_ids: [student.id, student.id] },
    });
    expect(offset.status).toBe(201);
    expect(offset.body.meeting.scheduled_date).toBe(`${day}T08:00:00.000Z`);
    expect(offset.body.meeting.participants).toHaveLength(1);
    // "Now" is allowed (a few minutes of grace for a meeting that starts right away).
    const now = await api("/api/meetings", {
      token: prof.token,
      body: { title: "C", scheduled_date: new Date(Date.now() - 60_000).toISOString(), duration: 30 },
    });
    expect(now.status).toBe(201);
  });
});

describe("PUT /api/meetings/:id: bad input and closed meetings", () => {
  it("refuses bad fields, an empty change, and changes nothing", async () => {
    const m = await createMeeting(prof, [student]);
    const before = await snapshot(m.id);
    const put = (body: unknown) => api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body });
    expectValidation(await put({}), ["body"]);
    expectValidation(await put({ duration: 0 }), ["duration"]);
    expectValidation(await put({ duration: 2000 }), ["duration"]);
    expectValidation(await put({ scheduled_date: "yesterday" }), ["scheduled_date"]);
    expectValidation(await put({ scheduled_date: "2021-05-05T10:00:00Z" }), ["scheduled_date"]);
    expectValidation(await put({ title: "" }), ["title"]);
    expectValidation(await put({ student_ids: ["ghost"] }), ["student_ids.0"]);
    expectValidation(await put({ student_ids: [otherProf.id] }), ["student_ids.0"]);
    expectValidation(await put({ title: "Fine", student_ids: [student.id, "ghost"] }), ["student_ids.1"]);
    expect(await snapshot(m.id)).toEqual(before);
  });

  it("keeps an unchanged past scheduled_date of an ongoing meeting (clients sending the whole object back)", async () => {
    const m = await createMeeting(prof, [student], { scheduled_date: new Date(Date.now() - 60_000).toISOString() });
    await testDb().meeting.update({ where: { id: m.id }, data: { scheduledDate: new Date(Date.now() - 3_600_000) } });
    await action(prof, m.id, "start");
    const current = (await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting;
    const res = await api(`/api/meetings/${m.id}`, {
      method: "PUT",
      token: prof.token,
      body: { title: current.title, scheduled_date: current.scheduled_date, duration: 120 },
    });
    expect(res.status).toBe(200);
    expect(res.body.meeting.duration).toBe(120);
  });

  it("refuses edits of completed and cancelled meetings with 409", async () => {
    const done = await createMeeting(prof, [student]);
    await action(prof, done.id, "start");
    await action(prof, done.id, "end");
    const cancelled = await createMeeting(prof, [student]);
    await api(`/api/meetings/${cancelled.id}`, { method: "DELETE", token: prof.token });
    for (const m of [done, cancelled]) {
      const before = await snapshot(m.id);
      const res = await api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { title: "Too late" } });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ success: false, code: "CONFLICT" });
      expect(res.body.error).toMatch(/cannot be changed/);
      expect(await snapshot(m.id)).toEqual(before);
    }
  });
});

describe("the status workflow is enforced (409, nothing changes)", () => {
  async function expectConflict(user: TestUser, id: string, method: string, path: string, pattern: RegExp, body?: unknown) {
    const before = await snapshot(id);
    const res = await api(`/api/meetings/${id}${path}`, { method, token: user.token, body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(409);
    expect(res.body).toEqual({ success: false, error: expect.stringMatching(pattern), code: "CONFLICT" });
    expect(await snapshot(id)).toEqual(before);
  }

  it("scheduled: no join, leave or end", async () => {
    const m = await createMeeting(prof, [student]);
    await expectConflict(student, m.id, "POST", "/join", /not started yet/);
    await expectConflict(prof, m.id, "POST", "/join", /not started yet/);
    await expectConflict(student, m.id, "POST", "/leave", /not in this meeting/);
    await expectConflict(prof, m.id, "POST", "/end", /not started yet/);
  });

  it("ongoing: no second start, no cancel, no respond after joining, no leave twice", async () => {
    const m = await createMeeting(prof, [student]);
    await action(prof, m.id, "start");
    await expectConflict(prof, m.id, "POST", "/start", /in progress/);
    await expectConflict(prof, m.id, "DELETE", "", /cannot be cancelled: it is in progress/);
    await action(student, m.id, "join");
    await expectConflict(student, m.id, "POST", "/respond", /already joined/, { action: "decline" });
    await action(student, m.id, "leave");
    await expectConflict(student, m.id, "POST", "/leave", /not in this meeting/);
  });

  it("completed: no start, end, join, cancel, respond", async () => {
    const m = await createMeeting(prof, [student]);
    await action(prof, m.id, "start");
    await action(prof, m.id, "end");
    await expectConflict(prof, m.id, "POST", "/start", /already over/);
    await expectConflict(prof, m.id, "POST", "/end", /already over/);
    await expectConflict(student, m.id, "POST", "/join", /already over/);
    await expectConflict(prof, m.id, "DELETE", "", /already over/);
    await expectConflict(student, m.id, "POST", "/respond", /already over/, { action: "accept" });
  });

  it("cancelled: no start, join, second cancel, respond", async () => {
    const m = await createMeeting(prof, [student]);
    expect((await api(`/api/meetings/${m.id}`, { method: "DELETE", token: prof.token })).status).toBe(200);
    await expectConflict(prof, m.id, "POST", "/start", /was cancelled/);
    await expectConflict(student, m.id, "POST", "/join", /was cancelled/);
    await expectConflict(prof, m.id, "DELETE", "", /was cancelled/);
    await expectConflict(student, m.id, "POST", "/respond", /was cancelled/, { action: "accept" });
  });
});

describe("other endpoints: bad input", () => {
  it("respond: a missing or unknown action", async () => {
    const m = await createMeeting(prof, [student]);
    const before = await snapshot(m.id);
    for (const body of [{}, { action: "maybe" }, { action: 1 }, { action: "ACCEPT" }]) {
      expectValidation(await api(`/api/meetings/${m.id}/respond`, { token: student.token, body }), ["action"]);
    }
    expect(await snapshot(m.id)).toEqual(before);
  });

  it("lists: bad limit, status or cursor", async () => {
    for (const path of ["/api/meetings", "/api/meetings/my/invitations"]) {
      const user = path.includes("invitations") ? student : prof;
      expectValidation(await api(`${path}?limit=0`, { token: user.token }), ["limit"]);
      expectValidation(await api(`${path}?limit=101`, { token: user.token }), ["limit"]);
      expectValidation(await api(`${path}?limit=abc`, { token: user.token }), ["limit"]);
      expectValidation(await api(`${path}?status=finished`, { token: user.token }), ["status"]);
      expectValidation(await api(`${path}?after=not-a-cursor`, { token: user.token }), ["after"]);
    }
  });

  it("attendance: an unknown format", async () => {
    const m = await createMeeting(prof, [student]);
    expectValidation(await api(`/api/meetings/${m.id}/attendance?format=xlsx`, { token: prof.token }), ["format"]);
  });

  it("an unknown meeting is 404 on every endpoint", async () => {
    const calls: [string, string, unknown?][] = [
      ["GET", ""],
      ["PUT", "", { title: "x" }],
      ["DELETE", ""],
      ["POST", "/start"],
      ["POST", "/end"],
      ["POST", "/join"],
      ["POST", "/leave"],
      ["POST", "/respond", { action: "accept" }],
      ["GET", "/attendance"],
      ["GET", "/ics"],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(`/api/meetings/no-such-meeting${path}`, { method, token: prof.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual({ success: false, error: "Meeting not found", code: "NOT_FOUND" });
    }
    expect((await api(`/api/meetings/${"x".repeat(65)}`, { token: prof.token })).status).toBe(400);
  });

  it("wrong methods get 405", async () => {
    const m = await createMeeting(prof, [student]);
    expect((await api(`/api/meetings/${m.id}/start`, { token: prof.token })).status).toBe(405);
    expect((await api(`/api/meetings/${m.id}`, { method: "PATCH", token: prof.token, body: {} })).status).toBe(405);
    expect((await api(`/api/meetings/${m.id}/attendance`, { method: "POST", token: prof.token, body: {} })).status).toBe(405);
  });
});

describe("lists: pagination and filters", () => {
  it("pages through by scheduled date with next_cursor, and filters by status", async () => {
    const p = await createUser({ role: "instructor" });
    const dates = [5, 1, 3, 2, 4].map((d) => inDays(d));
    for (const [i, d] of dates.entries()) await createMeeting(p, [], { title: `M${i}`, scheduled_date: d });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api(`/api/meetings?limit=2${cursor ? `&after=${cursor}` : ""}`, { token: p.token });
      expect(res.status).toBe(200);
      expect(res.body.meetings.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.meetings.map((m: any) => m.scheduled_date));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...dates].sort().map((d) => new Date(d).toISOString()));
    const first = (await api("/api/meetings?limit=1", { token: p.token })).body.meetings[0];
    await api(`/api/meetings/${first.id}`, { method: "DELETE", token: p.token });
    const cancelled = await api("/api/meetings?status=cancelled", { token: p.token });
    expect(cancelled.body.meetings.map((m: any) => m.id)).toEqual([first.id]);
  });
});
