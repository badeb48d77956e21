import { describe, expect, it } from "vitest";
import { adminToken, api, connect, createUser, nextEvent, unique } from "../helpers/client";
import { action, createMeeting, inDays, snapshot, testDb } from "../helpers/meetings";

const MEETING_KEYS = [
  "course",
  "created_at",
  "description",
  "duration",
  "ended_at",
  "id",
  "instructor",
  "instructor_email",
  "instructor_id",
  "meeting_id",
  "meeting_link",
  "room_id",
  "scheduled_date",
  "started_at",
  "status",
  "title",
  "updated_at",
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The seed's "Tests" section: register with a role, then a token. */
async function register(role: "student" | "instructor") {
  const username = unique(role === "instructor" ? "prof" : "student");
  const email = `${username}@test.com`;
  const reg = await api("/api/auth/register/", { body: { email, username, password: "lantern-river-42", role } });
  expect(reg.status).toBe(201);
  if (role === "instructor") {
    // Without INSTRUCTOR_SIGNUP_CODE an instructor sign-up is a request an administrator approves
    // (CONTRACT.md section 8, docs/accounts.md); until then the account is a student's.
    expect(reg.body.user.role).toBe("student");
    const ok = await api(`/api/admin/users/${reg.body.user.id}/instructor-request`, {
      body: { action: "approve" },
      token: await adminToken(),
    });
    expect(ok.status).toBe(200);
  } else {
    expect(reg.body.user.role).toBe(role);
  }
  const tok = await api("/api/auth/token/", { body: { email, password: "lantern-river-42" } });
  expect(tok.status).toBe(200);
  expect(tok.body.user.role).toBe(role);
  return { id: reg.body.user.id as string, email, token: tok.body.token as string };
}

describe("meetings: the seed's complete workflow over HTTP", () => {
  it("create, see the invitation, accept, start, join, end", async () => {
    const prof = await register("instructor");
    const s1 = await register("student");
    const s2 = await register("student");
    const auth = (u: { token: string }) => ({ authorization: `Bearer ${u.token}` });

    // 1. The instructor creates the meeting.
    const scheduled = inDays(3);
    const created = await api("/api/meetings/", {
      headers: auth(prof),
      body: { title: "Machine Learning Basics", scheduled_date: scheduled, duration: 90, student_ids: [s1.id, s2.id] },
    });
    expect(created.status).toBe(201);
    expect(created.body.success).toBe(true);
    const meeting = created.body.meeting;
    expect(
      Object.keys(meeting)
        .filter((k) => k !== "participants")
        .sort(),
    ).toEqual(MEETING_KEYS);
    expect(meeting).toMatchObject({
      title: "Machine Learning Basics",
      description: "",
      instructor_id: prof.id,
      instructor_email: prof.email,
      scheduled_date: new Date(scheduled).toISOString(),
      duration: 90,
      status: "scheduled",
      started_at: null,
      ended_at: null,
    });
    expect(meeting.meeting_id).toMatch(UUID);
    expect(meeting.meeting_link).toBe(`https://meet.jit.si/Mem2gether-${meeting.meeting_id}`);
    expect(meeting.room_id).toMatch(/^[a-z0-9]{8}$/); // the companion room (meetings-room.test.ts)
    expect(meeting.instructor).toMatchObject({ id: prof.id, role: "instructor", avatar_url: null });
    expect(meeting.created_at).toMatch(ISO);
    expect(meeting.participants).toHaveLength(2);
    for (const p of meeting.participants) {
      // The seed's fields, plus the contract's user summary of the student.
      expect(Object.keys(p).sort()).toEqual([
        "attended_minutes",
        "joined_at",
        "left_at",
        "status",
        "student",
        "student_email",
        "student_id",
      ]);
      expect(p).toMatchObject({ status: "invited", joined_at: null, left_at: null, attended_minutes: 0 });
      expect(Object.keys(p.student).sort()).toEqual(["avatar_url", "id", "name", "role", "username"]);
      expect(p.student).toMatchObject({ id: p.student_id, role: "student" });
    }
    expect(meeting.participants.map((p: any) => p.student_email).sort()).toEqual([s1.email, s2.email].sort());

    // 2. The student sees the invitation.
    const inv = await api("/api/meetings/my/invitations/", { headers: auth(s1) });
    expect(inv.status).toBe(200);
    expect(inv.body.meetings).toHaveLength(1);
    expect(inv.body.meetings[0]).toMatchObject({ id: meeting.id, title: "Machine Learning Basics", participant_status: "invited" });
    expect(inv.body.meetings[0].participants).toBeUndefined();
    expect(inv.body.meetings[0]).toMatchObject({ room_id: meeting.room_id, attended_minutes: 0, in_meeting: false });
    expect(inv.body.next_cursor).toBeNull();
    const list = await api("/api/meetings/", { headers: auth(s1) });
    expect(list.body.meetings.map((m: any) => m.id)).toEqual([meeting.id]);

    // 3. The student accepts.
    const accepted = await api(`/api/meetings/${meeting.id}/respond/`, { headers: auth(s1), body: { action: "accept" } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.meeting.participant_status).toBe("accepted");

    // 4. The instructor starts.
    const started = await api(`/api/meetings/${meeting.id}/start/`, { method: "POST", headers: auth(prof) });
    expect(started.status).toBe(200);
    expect(started.body.meeting.status).toBe("ongoing");
    expect(started.body.meeting.started_at).toMatch(ISO);

    // 5. The student joins.
    const joined = await api(`/api/meetings/${meeting.id}/join/`, { method: "POST", headers: auth(s1) });
    expect(joined.status).toBe(200);
    expect(joined.body.meeting_link).toBe(meeting.meeting_link);
    expect(joined.body.meeting.participant_status).toBe("attended");
    expect(joined.body.meeting.in_meeting).toBe(true);
    const afterJoin = (await api(`/api/meetings/${meeting.id}/`, { headers: auth(prof) })).body.meeting;
    const p1 = afterJoin.participants.find((p: any) => p.student_id === s1.id);
    expect(p1.status).toBe("attended");
    expect(p1.joined_at).toMatch(ISO);
    expect(p1.left_at).toBeNull();

    // 6. The instructor ends.
    const ended = await api(`/api/meetings/${meeting.id}/end/`, { method: "POST", headers: auth(prof) });
    expect(ended.status).toBe(200);
    expect(ended.body.meeting.status).toBe("completed");
    expect(ended.body.meeting.ended_at).toMatch(ISO);
    const byId = Object.fromEntries(ended.body.meeting.participants.map((p: any) => [p.student_id, p]));
    expect(byId[s1.id].status).toBe("attended");
    expect(byId[s1.id].left_at).toBe(ended.body.meeting.ended_at); // the open interval closed at the end
    expect(byId[s2.id].status).toBe("absent");

    const s2view = await api(`/api/meetings/${meeting.id}`, { headers: auth(s2) });
    expect(s2view.body.meeting).toMatchObject({ status: "completed", participant_status: "absent" });
  });

  it("leaving and rejoining update the participant record; a declined student may still join", async () => {
    const prof = await createUser({ role: "instructor" });
    const s = await createUser({ role: "student" });
    const m = await createMeeting(prof, [s]);
    const declined = await api(`/api/meetings/${m.id}/respond`, { token: s.token, body: { action: "decline" } });
    expect(declined.body.meeting.participant_status).toBe("declined");
    const again = await api(`/api/meetings/${m.id}/respond`, { token: s.token, body: { action: "accept" } });
    expect(again.body.meeting.participant_status).toBe("accepted");
    await api(`/api/meetings/${m.id}/respond`, { token: s.token, body: { action: "decline" } });
    await action(prof, m.id, "start");
    await action(s, m.id, "join");
    const first = (await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting.participants[0];
    // Joining again while in changes nothing (a second tab).
    await action(s, m.id, "join");
    expect((await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting.participants[0].joined_at).toBe(first.joined_at);
    const left = await action(s, m.id, "leave");
    expect(left.body.meeting).toMatchObject({ participant_status: "attended", in_meeting: false });
    const afterLeave = (await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting.participants[0];
    expect(afterLeave.left_at).toMatch(ISO);
    await action(s, m.id, "join");
    const rejoined = (await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting.participants[0];
    expect(rejoined.left_at).toBeNull();
    expect(new Date(rejoined.joined_at).getTime()).toBeGreaterThanOrEqual(new Date(afterLeave.left_at).getTime());
    // The owner may join too: the link, no participant record.
    const owner = await action(prof, m.id, "join");
    expect(owner.body.meeting_link).toBe(m.meeting_link);
    expect(owner.body.meeting.participants).toHaveLength(1);
    const row = await testDb().meetingParticipant.findFirstOrThrow({ where: { meetingId: m.id } });
    expect(row.response).toBe("decline");
  });
});

describe("meetings: changing the invitee list", () => {
  it("invites added students, drops removed ones, and gives a re-added student their attendance back", async () => {
    const prof = await createUser({ role: "instructor" });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUser({ role: "student" })));
    const m = await createMeeting(prof, [a!, b!]);
    const put = (ids: string[]) => api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { student_ids: ids } });
    const ids = (res: any) => res.body.meeting.participants.map((p: any) => p.student_id).sort();

    const swapped = await put([a!.id, c!.id]);
    expect(swapped.status).toBe(200);
    expect(ids(swapped)).toEqual([a!.id, c!.id].sort());
    // b never joined: their row is gone.
    expect(await testDb().meetingParticipant.count({ where: { meetingId: m.id, studentId: b!.id } })).toBe(0);
    expect((await api("/api/meetings/my/invitations", { token: c!.token })).body.meetings.map((x: any) => x.id)).toEqual([m.id]);

    await action(prof, m.id, "start");
    await action(a!, m.id, "join");
    await action(a!, m.id, "leave");
    const attended = await testDb().meetingParticipant.findFirstOrThrow({ where: { meetingId: m.id, studentId: a!.id } });
    expect(ids(await put([c!.id]))).toEqual([c!.id]);
    expect((await api(`/api/meetings/${m.id}`, { token: a!.token })).status).toBe(403);
    const back = await put([a!.id, c!.id]);
    expect(ids(back)).toEqual([a!.id, c!.id].sort());
    const restored = await testDb().meetingParticipant.findFirstOrThrow({ where: { meetingId: m.id, studentId: a!.id } });
    expect(restored).toMatchObject({
      id: attended.id,
      status: "attended",
      removedAt: null,
      joinedAt: attended.joinedAt,
      leftAt: attended.leftAt,
    });
    expect((await api(`/api/meetings/${m.id}`, { token: a!.token })).body.meeting.participant_status).toBe("attended");
  });
});

describe("meetings: live attendance on /chat", () => {
  it("pushes meeting_updated (the instructor's view) when students respond, join and leave", async () => {
    const prof = await createUser({ role: "instructor" });
    const s = await createUser({ role: "student" });
    const m = await createMeeting(prof, [s]);
    const profSocket = await connect("/chat", { token: prof.token });
    const studentSocket = await connect("/chat", { token: s.token });
    try {
      let update = nextEvent(profSocket, "meeting_updated");
      await api(`/api/meetings/${m.id}/respond`, { token: s.token, body: { action: "accept" } });
      expect((await update).meeting).toMatchObject({ id: m.id, participants: [{ student_id: s.id, status: "accepted" }] });

      // Students hear about the start (their own view) so their page can offer "Join".
      const studentUpdate = nextEvent(studentSocket, "meeting_updated");
      update = nextEvent(profSocket, "meeting_updated");
      await action(prof, m.id, "start");
      expect((await studentUpdate).meeting).toMatchObject({ id: m.id, status: "ongoing", participant_status: "accepted" });
      expect((await studentUpdate).meeting.participants).toBeUndefined();
      await update;

      update = nextEvent(profSocket, "meeting_updated");
      await action(s, m.id, "join");
      const joined = (await update).meeting;
      expect(joined.participants[0]).toMatchObject({ status: "attended", left_at: null });
      expect(joined.participants[0].joined_at).toMatch(ISO);

      update = nextEvent(profSocket, "meeting_updated");
      await action(s, m.id, "leave");
      expect((await update).meeting.participants[0].left_at).toMatch(ISO);
    } finally {
      profSocket.close();
      studentSocket.close();
    }
  });
});

describe("meetings: deleted accounts", () => {
  it("an instructor's meetings go with the account; a student's participant rows go with theirs", async () => {
    const prof = await createUser({ role: "instructor" });
    const s1 = await createUser({ role: "student" });
    const s2 = await createUser({ role: "student" });
    const m = await createMeeting(prof, [s1, s2]);

    expect((await api("/api/me", { method: "DELETE", token: s2.token, body: { password: s2.password } })).status).toBe(200);
    const view = (await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting;
    expect(view.participants.map((p: any) => p.student_id)).toEqual([s1.id]);
    expect(await testDb().meetingParticipant.count({ where: { studentId: s2.id } })).toBe(0);

    expect((await api("/api/me", { method: "DELETE", token: prof.token, body: { password: prof.password } })).status).toBe(200);
    expect((await api(`/api/meetings/${m.id}`, { token: s1.token })).status).toBe(404);
    expect((await api("/api/meetings/my/invitations", { token: s1.token })).body.meetings).toEqual([]);
    expect(await snapshot(m.id)).toEqual({ meeting: null, participants: [] });
  });
});
