// The embedded call's presence (CONTRACT.md section 11): beats keep an attendance interval open,
// a gap of more than 90 s closes it at the last beat, `in_call: false` and the meeting's end close
// it; the owner's beats count nothing; refusals change nothing.
import { describe, expect, it } from "vitest";
import { api, createUser } from "../helpers/client";
import { action, createMeeting, participantRow, snapshot, testDb } from "../helpers/meetings";

const beat = (token: string, id: string, in_call: unknown = true) => api(`/api/meetings/${id}/presence`, { token, body: { in_call } });

/** Move the student's interval and last beat `seconds` into the past (tests cannot wait). */
async function age(meetingId: string, studentId: string, seconds: number) {
  const p = await participantRow(meetingId, studentId);
  const shift = (d: Date | null) => (d ? new Date(d.getTime() - seconds * 1000) : d);
  await testDb().meetingParticipant.update({
    where: { id: p.id },
    data: { joinedAt: shift(p.joinedAt), firstJoinedAt: shift(p.firstJoinedAt), lastHeartbeatAt: shift(p.lastHeartbeatAt) },
  });
}

describe("the embedded call's presence", () => {
  it("opens an interval with the first beat, keeps it with the next, and closes it with in_call false", async () => {
    const teacher = await createUser({ role: "instructor" });
    const student = await createUser();
    const m = await createMeeting(teacher, [student]);
    await action(teacher, m.id, "start");

    const first = await beat(student.token, m.id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ success: true, in_call: true });
    let row = await participantRow(m.id, student.id);
    expect(row.status).toBe("attended");
    expect(row.joinedAt).not.toBeNull();
    expect(row.leftAt).toBeNull();
    const joinedAt = row.joinedAt!.getTime();
    expect((await api(`/api/meetings/${m.id}`, { token: student.token })).body.meeting.in_meeting).toBe(true);

    await age(m.id, student.id, 60); // in the call for a minute, last beat 60 s ago: within the grace
    expect((await beat(student.token, m.id)).status).toBe(200);
    row = await participantRow(m.id, student.id);
    expect(row.joinedAt!.getTime()).toBe(joinedAt - 60_000); // the same interval
    expect(row.attendedSeconds).toBe(0);

    expect((await beat(student.token, m.id, false)).body).toEqual({ success: true, in_call: false });
    row = await participantRow(m.id, student.id);
    expect(row.leftAt).not.toBeNull();
    expect(row.attendedSeconds).toBeGreaterThanOrEqual(60);
    expect(row.attendedSeconds).toBeLessThan(75);
    expect(row.lastHeartbeatAt).toBeNull();
  });

  it("a gap of more than 90 s is a leave at the last beat; the next beat opens a new interval", async () => {
    const teacher = await createUser({ role: "instructor" });
    const student = await createUser();
    const m = await createMeeting(teacher, [student]);
    await action(teacher, m.id, "start");
    await beat(student.token, m.id);
    await age(m.id, student.id, 300); // joined 5 min ago, last beat 5 min ago: the tab was closed
    await beat(student.token, m.id);
    const row = await participantRow(m.id, student.id);
    expect(row.attendedSeconds).toBe(0); // the lapsed interval counted nothing after its last beat
    expect(Date.now() - row.joinedAt!.getTime()).toBeLessThan(30_000); // a new one opened now
    expect(Date.now() - row.firstJoinedAt!.getTime()).toBeGreaterThan(290_000);

    // Ending the meeting with a lapsed beat closes at that beat, not at the end.
    await age(m.id, student.id, 240);
    await action(teacher, m.id, "end");
    const ended = await participantRow(m.id, student.id);
    expect(ended.leftAt!.getTime()).toBe(ended.joinedAt!.getTime());
    expect(ended.attendedSeconds).toBe(0);
    const report = await api(`/api/meetings/${m.id}/attendance`, { token: teacher.token });
    expect(report.status).toBe(200);
  });

  it("counts nothing for the owner and refuses others, bad input and meetings not in progress, changing nothing", async () => {
    const teacher = await createUser({ role: "instructor" });
    const [student, outsider] = await Promise.all([createUser(), createUser()]);
    const m = await createMeeting(teacher, [student]);
    const before = await snapshot(m.id);
    expect((await beat(student.token, m.id)).body.code).toBe("CONFLICT"); // not started
    await action(teacher, m.id, "start");
    const started = await snapshot(m.id);
    expect((await beat(teacher.token, m.id)).status).toBe(200);
    expect((await beat(outsider.token, m.id)).status).toBe(403);
    for (const body of [{}, { in_call: "yes" }, { in_call: true, extra: 1 }]) {
      const res = await api(`/api/meetings/${m.id}/presence`, { token: student.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await beat(student.token, "nosuchmeeting")).status).toBe(404);
    expect((await api(`/api/meetings/${m.id}/presence`, { body: { in_call: true } })).status).toBe(401);
    expect((await snapshot(m.id)).participants).toEqual(started.participants);
    expect(before.participants).toEqual(started.participants);
  });
});
