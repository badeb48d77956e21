// Every cell of the seed's permission table (student / instructor x action), plus an instructor
// on another instructor's meeting and a student who is not invited. Each refusal is checked for
// the contract's error shape and for leaving the stored meeting exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createUser, type TestUser } from "../helpers/client";
import { action, createMeeting, inDays, snapshot, testDb } from "../helpers/meetings";

type Actor = "owner" | "otherInstructor" | "invited" | "uninvited";
type Call = { method: string; path: (id: string) => string; body?: unknown };

const CALLS: Record<string, Call> = {
  view: { method: "GET", path: (id) => `/api/meetings/${id}/` },
  modify: { method: "PUT", path: (id) => `/api/meetings/${id}/`, body: { title: "Changed" } },
  cancel: { method: "DELETE", path: (id) => `/api/meetings/${id}/` },
  start: { method: "POST", path: (id) => `/api/meetings/${id}/start/` },
  end: { method: "POST", path: (id) => `/api/meetings/${id}/end/` },
  join: { method: "POST", path: (id) => `/api/meetings/${id}/join/` },
  leave: { method: "POST", path: (id) => `/api/meetings/${id}/leave/` },
  respond: { method: "POST", path: (id) => `/api/meetings/${id}/respond/`, body: { action: "accept" } },
  attendance: { method: "GET", path: (id) => `/api/meetings/${id}/attendance/` },
  attendanceCsv: { method: "GET", path: (id) => `/api/meetings/${id}/attendance/?format=csv` },
  ics: { method: "GET", path: (id) => `/api/meetings/${id}/ics` },
};

/** Who is refused what (403 FORBIDDEN). Everything not listed is allowed and tested below. */
const REFUSED: Record<Actor, string[]> = {
  owner: ["leave", "respond"],
  otherInstructor: Object.keys(CALLS),
  invited: ["modify", "cancel", "start", "end", "attendance", "attendanceCsv"],
  uninvited: Object.keys(CALLS),
};

let actors: Record<Actor, TestUser>;

beforeAll(async () => {
  const [owner, otherInstructor, invited, uninvited] = await Promise.all([
    createUser({ role: "instructor" }),
    createUser({ role: "instructor" }),
    createUser({ role: "student" }),
    createUser({ role: "student" }),
  ]);
  actors = { owner, otherInstructor, invited, uninvited };
});

describe("meetings permissions: refusals", () => {
  it("a student cannot create a meeting, with the seed's exact answer, and nothing is stored", async () => {
    const before = await testDb().meeting.count({ where: { title: "Student meeting" } });
    for (const student of [actors.invited, actors.uninvited]) {
      const res = await api("/api/meetings/", {
        token: student.token,
        body: { title: "Student meeting", scheduled_date: inDays(1), duration: 30, student_ids: [] },
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ success: false, error: "Only instructors can create meetings", code: "FORBIDDEN" });
    }
    expect(await testDb().meeting.count({ where: { title: "Student meeting" } })).toBe(before);
  });

  for (const actor of Object.keys(REFUSED) as Actor[]) {
    it(`refuses ${actor}: ${REFUSED[actor].join(", ")}`, async () => {
      const m = await createMeeting(actors.owner, [actors.invited]);
      // Refusals are checked before the status: join/leave/end are refused with 403 even on an ongoing meeting.
      await action(actors.owner, m.id, "start");
      if (actor === "invited") await action(actors.invited, m.id, "join");
      const before = await snapshot(m.id);
      for (const name of REFUSED[actor]) {
        const call = CALLS[name]!;
        const res = await api(call.path(m.id), { method: call.method, token: actors[actor].token, body: call.body });
        expect(res.status, `${actor} ${name}`).toBe(403);
        expect(res.body).toEqual({ success: false, error: expect.any(String), code: "FORBIDDEN" });
        expect(await snapshot(m.id), `${actor} ${name} changed nothing`).toEqual(before);
      }
    });
  }

  it("answers 403 with a reason a person understands", async () => {
    const m = await createMeeting(actors.owner, [actors.invited]);
    const put = await api(`/api/meetings/${m.id}`, { method: "PUT", token: actors.otherInstructor.token, body: { duration: 10 } });
    expect(put.body.error).toBe("Only the instructor who created this meeting can update it");
    const view = await api(`/api/meetings/${m.id}`, { token: actors.uninvited.token });
    expect(view.body.error).toBe("You are not invited to this meeting");
    const respond = await api(`/api/meetings/${m.id}/respond`, { token: actors.owner.token, body: { action: "accept" } });
    expect(respond.body.error).toBe("Only invited students can respond to a meeting");
    const inv = await api("/api/meetings/my/invitations", { token: actors.owner.token });
    expect(inv.status).toBe(403);
    expect(inv.body.code).toBe("FORBIDDEN");
  });

  it("a student taken off the invitee list loses access", async () => {
    const m = await createMeeting(actors.owner, [actors.invited, actors.uninvited]);
    expect((await api(`/api/meetings/${m.id}`, { token: actors.uninvited.token })).status).toBe(200);
    await api(`/api/meetings/${m.id}`, { method: "PUT", token: actors.owner.token, body: { student_ids: [actors.invited.id] } });
    expect((await api(`/api/meetings/${m.id}`, { token: actors.uninvited.token })).status).toBe(403);
    expect((await api(`/api/meetings/${m.id}/ics`, { token: actors.uninvited.token })).status).toBe(403);
  });
});

describe("meetings permissions: what is allowed", () => {
  it("create: instructors", async () => {
    const res = await api("/api/meetings", {
      token: actors.otherInstructor.token,
      body: { title: "Allowed", scheduled_date: inDays(2), duration: 45, student_ids: [actors.invited.id] },
    });
    expect(res.status).toBe(201);
  });

  it("see one's meetings: an instructor the ones they created, a student their invitations", async () => {
    const mine = await createMeeting(actors.owner, [actors.invited]);
    const theirs = await createMeeting(actors.otherInstructor, [actors.uninvited]);
    const ownerList = (await api("/api/meetings/?limit=100", { token: actors.owner.token })).body.meetings.map((m: any) => m.id);
    expect(ownerList).toContain(mine.id);
    expect(ownerList).not.toContain(theirs.id);
    const otherList = (await api("/api/meetings/?limit=100", { token: actors.otherInstructor.token })).body.meetings.map((m: any) => m.id);
    expect(otherList).toContain(theirs.id);
    expect(otherList).not.toContain(mine.id);
    for (const path of ["/api/meetings/?limit=100", "/api/meetings/my/invitations/?limit=100"]) {
      const invited = (await api(path, { token: actors.invited.token })).body.meetings.map((m: any) => m.id);
      expect(invited).toContain(mine.id);
      expect(invited).not.toContain(theirs.id);
    }
    expect((await api(`/api/meetings/${mine.id}`, { token: actors.owner.token })).body.meeting.participants).toHaveLength(1);
    expect((await api(`/api/meetings/${mine.id}`, { token: actors.invited.token })).body.meeting.participant_status).toBe("invited");
  });

  it("modify, cancel: the owner", async () => {
    const m = await createMeeting(actors.owner, [actors.invited]);
    const put = await api(`/api/meetings/${m.id}`, { method: "PUT", token: actors.owner.token, body: { title: "Renamed" } });
    expect(put.status).toBe(200);
    expect(put.body.meeting.title).toBe("Renamed");
    const del = await api(`/api/meetings/${m.id}`, { method: "DELETE", token: actors.owner.token });
    expect(del.status).toBe(200);
    expect(del.body.meeting.status).toBe("cancelled");
    // Soft delete: still readable.
    expect((await api(`/api/meetings/${m.id}`, { token: actors.invited.token })).body.meeting.status).toBe("cancelled");
  });

  it("start, end, attendance: the owner; join: the owner and an invitee; leave, respond: an invitee; ics: both", async () => {
    const m = await createMeeting(actors.owner, [actors.invited]);
    expect((await api(`/api/meetings/${m.id}/respond`, { token: actors.invited.token, body: { action: "accept" } })).status).toBe(200);
    await action(actors.owner, m.id, "start");
    await action(actors.owner, m.id, "join");
    await action(actors.invited, m.id, "join");
    await action(actors.invited, m.id, "leave");
    expect((await api(`/api/meetings/${m.id}/attendance`, { token: actors.owner.token })).status).toBe(200);
    expect((await api(`/api/meetings/${m.id}/attendance?format=csv`, { token: actors.owner.token })).status).toBe(200);
    for (const who of [actors.owner, actors.invited])
      expect((await api(`/api/meetings/${m.id}/ics`, { token: who.token })).status).toBe(200);
    await action(actors.owner, m.id, "end");
  });

  it("every endpoint needs authentication", async () => {
    const m = await createMeeting(actors.owner, [actors.invited]);
    const before = await snapshot(m.id);
    for (const call of [...Object.values(CALLS), { method: "GET", path: () => "/api/meetings/my/calendar.ics" }]) {
      const res = await api(call.path(m.id), { method: call.method, body: call.body });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("UNAUTHENTICATED");
    }
    expect((await api("/api/meetings", { body: { title: "x", scheduled_date: inDays(1), duration: 5 } })).status).toBe(401);
    expect(await snapshot(m.id)).toEqual(before);
  });
});
