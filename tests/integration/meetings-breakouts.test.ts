// Breakout groups (CONTRACT.md section 11, docs/meetings.md): by hand and at random, each with its
// own companion room and call; students hear their group on /chat and come back when the groups
// end; attendance keeps counting in a group's call; refusals change nothing.
import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, connect, createUser, emitAck, nextEvent, type TestUser } from "../helpers/client";
import { action, createMeeting, participantRow, testDb } from "../helpers/meetings";

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function socketOf(user: TestUser, namespace = "/chat") {
  const s = await connect(namespace, { token: user.token });
  open.push(s);
  return s;
}

const start = (user: TestUser, id: string, body: unknown) => api(`/api/meetings/${id}/breakouts`, { token: user.token, body });
const end = (user: TestUser, id: string) => api(`/api/meetings/${id}/breakouts`, { method: "DELETE", token: user.token });
const list = (user: TestUser, id: string) => api(`/api/meetings/${id}/breakouts`, { token: user.token });
const joinGroup = (user: TestUser, id: string, groupId: string) =>
  api(`/api/meetings/${id}/breakouts/${groupId}/join`, { method: "POST", token: user.token });
const details = async (user: TestUser, id: string) => (await api(`/api/meetings/${id}`, { token: user.token })).body.meeting;
const groupRows = (meetingId: string) => testDb().meetingBreakout.findMany({ where: { meetingId }, orderBy: { position: "asc" } });

/** An instructor, `n` invited students, the meeting started. */
async function ongoing(n: number) {
  const prof = await createUser({ role: "instructor", name: "Prof Breakout" });
  const students = await Promise.all(Array.from({ length: n }, (_, i) => createUser({ name: `Student ${i + 1}` })));
  const meeting = await createMeeting(prof, students, { title: "Group work" });
  await action(prof, meeting.id, "start");
  return { prof, students, meeting, id: meeting.id as string };
}

describe("meetings: breakout groups", () => {
  it("by hand: each group gets a room and a call; the owner sees all groups, a student only their own", async () => {
    const { prof, students, meeting, id } = await ongoing(4);
    const [a, b, c, d] = students as [TestUser, TestUser, TestUser, TestUser];
    const res = await start(prof, id, {
      groups: [
        { name: "Team Red", student_ids: [a.id, b.id] },
        { name: "Team Blue", student_ids: [c.id] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const groups = res.body.breakouts as { id: string; name: string; room_id: string; meeting_link: string; student_ids: string[] }[];
    expect(groups.map((g) => [g.name, g.student_ids.sort()])).toEqual([
      ["Team Red", [a.id, b.id].sort()],
      ["Team Blue", [c.id]],
    ]);
    for (const g of groups) {
      expect(g.room_id).toMatch(/^[a-z0-9]{8}$/);
      expect(g.room_id).not.toBe(meeting.room_id);
      expect(g.meeting_link).toMatch(new RegExp(`^${meeting.meeting_link}-[a-z0-9]{6}$`));
    }
    expect(new Set(groups.map((g) => g.meeting_link)).size).toBe(2);
    // Each room is the instructor's, named after its group.
    const room = await api(`/api/rooms/${groups[0]!.room_id}`, { token: prof.token });
    expect(room.body.room).toMatchObject({ name: "Team Red · Group work", host_id: prof.id, is_open: true });

    // Views: the owner's meeting lists the groups, each student sees their own (or none).
    expect((await details(prof, id)).breakouts).toEqual(groups);
    const own = { id: groups[0]!.id, name: "Team Red", room_id: groups[0]!.room_id, meeting_link: groups[0]!.meeting_link };
    expect((await details(a, id)).breakout).toEqual(own);
    expect((await details(c, id)).breakout).toMatchObject({ name: "Team Blue" });
    expect((await details(d, id)).breakout).toBeNull();
    expect((await details(a, id)).breakouts).toBeUndefined();
    expect((await list(prof, id)).body.breakouts).toEqual(groups);
    expect((await list(b, id)).body.breakouts).toEqual([groups[0]]);
    expect((await list(d, id)).body.breakouts).toEqual([]);
  });

  it("at random: every student who has not declined is in exactly one group, sizes balanced", async () => {
    const { prof, students, id } = await ongoing(7);
    const declined = students[6]!;
    expect((await api(`/api/meetings/${id}/respond`, { token: declined.token, body: { action: "decline" } })).status).toBe(200);
    const res = await start(prof, id, { count: 3, assign: "random", name: "Groupe" });
    expect(res.status).toBe(200);
    const groups = res.body.breakouts as { name: string; student_ids: string[] }[];
    expect(groups.map((g) => g.name)).toEqual(["Groupe 1", "Groupe 2", "Groupe 3"]);
    expect(groups.map((g) => g.student_ids.length).sort()).toEqual([2, 2, 2]);
    const placed = groups.flatMap((g) => g.student_ids);
    expect(placed.sort()).toEqual(
      students
        .slice(0, 6)
        .map((s) => s.id)
        .sort(),
    );
    expect(placed).not.toContain(declined.id);

    // 6 students in 4 groups: 2, 2, 1, 1; the default name is "Group".
    expect((await end(prof, id)).body).toEqual({ success: true, ended: 3 });
    const again = await start(prof, id, { count: 4, assign: "random" });
    expect(again.body.breakouts.map((g: { name: string }) => g.name)).toEqual(["Group 1", "Group 2", "Group 3", "Group 4"]);
    expect(again.body.breakouts.map((g: { student_ids: string[] }) => g.student_ids.length).sort()).toEqual([1, 1, 2, 2]);
  });

  it("is the owner's, only while ongoing, one set at a time; bad input is refused and changes nothing", async () => {
    const prof = await createUser({ role: "instructor" });
    const [s1, s2, stranger, otherProf] = await Promise.all([createUser(), createUser(), createUser(), createUser({ role: "instructor" })]);
    const meeting = await createMeeting(prof, [s1, s2]);
    const id = meeting.id as string;
    const hand = { groups: [{ name: "A", student_ids: [s1.id] }] };

    // Not started yet: 409, nothing stored.
    const early = await start(prof, id, hand);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ success: false, code: "CONFLICT" });
    expect((await end(prof, id)).status).toBe(409);
    await action(prof, id, "start");

    // Others: 403 (a student, another instructor, a stranger); 401 without credentials.
    for (const who of [s1, otherProf, stranger]) {
      const res = await start(who, id, hand);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect((await end(who, id)).status).toBe(403);
    }
    expect((await list(otherProf, id)).status).toBe(403);
    expect((await api(`/api/meetings/${id}/breakouts`, { body: hand })).status).toBe(401);
    expect((await start(prof, "no-such-meeting", hand)).status).toBe(404);

    const refusals: [unknown, string][] = [
      [{}, "count"],
      [{ groups: [] }, "groups"],
      [{ groups: [{ name: "A", student_ids: [stranger.id] }] }, "groups.0.student_ids.0"],
      [{ groups: [{ name: "A", student_ids: [otherProf.id] }] }, "groups.0.student_ids.0"],
      [
        {
          groups: [
            { name: "A", student_ids: [s1.id] },
            { name: "B", student_ids: [s2.id, s1.id] },
          ],
        },
        "groups.1.student_ids.1",
      ],
      [{ groups: [{ name: "A", student_ids: [s1.id, s1.id] }] }, "groups.0.student_ids.1"],
      [{ groups: [{ name: " ", student_ids: [s1.id] }] }, "groups.0.name"],
      [{ groups: [{ name: "A", student_ids: [] }] }, "groups.0.student_ids"],
      [{ count: 0, assign: "random" }, "count"],
      [{ count: 3, assign: "random" }, "count"], // more groups than students
      [{ count: 1.5, assign: "random" }, "count"],
      [{ count: 2 }, "assign"],
      [{ count: 2, assign: "alphabetical" }, "assign"],
      [{ count: 1, assign: "random", groups: hand.groups }, "count"],
      [{ count: 1, assign: "random", extra: true }, "body"],
    ];
    for (const [body, field] of refusals) {
      const res = await start(prof, id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      if (field !== "body") expect(Object.keys(res.body.details ?? {})).toContain(field);
    }
    expect(await groupRows(id)).toEqual([]);
    const rooms = await testDb().room.count({ where: { hostId: prof.id } });
    expect(rooms).toBe(1); // only the meeting's own room

    // One set at a time: a second start while groups run is a 409 and changes nothing.
    expect((await start(prof, id, hand)).status).toBe(200);
    const before = await groupRows(id);
    const twice = await start(prof, id, { count: 1, assign: "random" });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ success: false, code: "CONFLICT" });
    expect(await groupRows(id)).toEqual(before);
  });

  it("students hear their group on /chat and come back when the groups end; the rooms close", async () => {
    const { prof, students, id } = await ongoing(3);
    const [a, b, c] = students as [TestUser, TestUser, TestUser];
    const [sa, sb, sc, sp] = await Promise.all([socketOf(a), socketOf(b), socketOf(c), socketOf(prof)]);
    const heardA = nextEvent(sa, "meeting_breakout");
    const heardB = nextEvent(sb, "meeting_breakout");
    const viewA = nextEvent(sa, "meeting_updated", (p: { meeting: { breakout?: unknown } }) => !!p.meeting.breakout);
    const owner = nextEvent(sp, "meeting_updated", (p: { meeting: { breakouts?: unknown[] } }) => !!p.meeting.breakouts?.length);
    let cHeard = false;
    sc.on("meeting_breakout", () => (cHeard = true));
    const res = await start(prof, id, {
      groups: [
        { name: "One", student_ids: [a.id] },
        { name: "Two", student_ids: [b.id] },
      ],
    });
    const [one, two] = res.body.breakouts;
    expect(await heardA).toEqual({
      meeting_id: id,
      breakout: { id: one.id, name: "One", room_id: one.room_id, meeting_link: one.meeting_link },
    });
    expect((await heardB).breakout).toMatchObject({ id: two.id, name: "Two" });
    expect((await viewA).meeting.breakout).toMatchObject({ id: one.id });
    expect((await owner).meeting.breakouts).toHaveLength(2);

    // Ending brings them back: null to each, the rooms close, the views drop the groups.
    const backA = nextEvent(sa, "meeting_breakout");
    const backB = nextEvent(sb, "meeting_breakout");
    const ended = await end(prof, id);
    expect(ended.body).toEqual({ success: true, ended: 2 });
    expect(await backA).toEqual({ meeting_id: id, breakout: null });
    expect(await backB).toEqual({ meeting_id: id, breakout: null });
    expect(cHeard).toBe(false); // not in a group: nothing to move
    for (const g of [one, two]) {
      expect((await api(`/api/rooms/${g.room_id}`, { token: prof.token })).body.room.is_open).toBe(false);
      expect((await api(`/api/rooms/${g.room_id}/join`, { method: "POST", token: prof.token })).status).toBe(410);
    }
    expect((await details(a, id)).breakout).toBeNull();
    expect((await details(prof, id)).breakouts).toEqual([]);
    expect((await joinGroup(a, id, one.id)).status).toBe(404);
    // Ending again is fine (nothing running).
    expect((await end(prof, id)).body).toEqual({ success: true, ended: 0 });
  });

  it("a group's room admits its students and the owner, not another group's students", async () => {
    const { prof, students, id } = await ongoing(2);
    const [a, b] = students as [TestUser, TestUser];
    const outsider = await createUser();
    const res = await start(prof, id, {
      groups: [
        { name: "One", student_ids: [a.id] },
        { name: "Two", student_ids: [b.id] },
      ],
    });
    const [one, two] = res.body.breakouts;
    // Through the room: HTTP and socket alike.
    expect((await api(`/api/rooms/${one.room_id}/join`, { method: "POST", token: a.token })).status).toBe(200);
    const refused = await api(`/api/rooms/${one.room_id}/join`, { method: "POST", token: b.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect((await api(`/api/rooms/${two.room_id}/join`, { method: "POST", token: outsider.token })).status).toBe(403);
    const ack = await emitAck(await socketOf(b, "/rooms"), "join_room", { room_id: one.room_id });
    expect(ack).toMatchObject({ success: false, code: "FORBIDDEN" });
    const own = await emitAck(await socketOf(b, "/rooms"), "join_room", { room_id: two.room_id });
    expect(own).toMatchObject({ success: true, room: { room_id: two.room_id } });
    expect(await testDb().roomParticipant.findUnique({ where: { roomId_userId: { roomId: one.room_id, userId: b.id } } })).toBeNull();

    // Through the group's call: its students and the owner; another group's student gets 403.
    const wrong = await joinGroup(b, id, one.id);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect((await joinGroup(outsider, id, one.id)).status).toBe(403);
    const mine = await joinGroup(a, id, one.id);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ meeting_link: one.meeting_link, breakout: { id: one.id } });
    const visit = await joinGroup(prof, id, two.id);
    expect(visit.body.meeting_link).toBe(two.meeting_link);
    const members = await api(`/api/rooms/${two.room_id}`, { token: prof.token });
    expect(members.body.participants.map((p: { id: string }) => p.id).sort()).toEqual([prof.id, b.id].sort());
    expect((await joinGroup(a, id, "no-such-group")).status).toBe(404);
  });

  it("a student taken off the meeting while groups run leaves their group, its room and the owner's list", async () => {
    const { prof, students, id } = await ongoing(3);
    const [a, b, c] = students as [TestUser, TestUser, TestUser];
    const res = await start(prof, id, {
      groups: [
        { name: "One", student_ids: [a.id, b.id] },
        { name: "Two", student_ids: [c.id] },
      ],
    });
    const [one, two] = res.body.breakouts;
    expect((await joinGroup(a, id, one.id)).status).toBe(200);
    const sa = await socketOf(a);
    const dropped = nextEvent(sa, "meeting_breakout");
    const update = await api(`/api/meetings/${id}`, { method: "PUT", token: prof.token, body: { student_ids: [b.id, c.id] } });
    expect(update.status).toBe(200);
    expect(await dropped).toEqual({ meeting_id: id, breakout: null });
    const groups = (await details(prof, id)).breakouts as { id: string; student_ids: string[] }[];
    expect(groups.map((g) => g.student_ids)).toEqual([[b.id], [c.id]]);
    expect((await groupRows(id)).map((g) => g.studentIds)).toEqual([[b.id], [c.id]]);
    const members = await api(`/api/rooms/${one.room_id}`, { token: prof.token });
    expect(members.body.participants.map((p: { id: string }) => p.id)).not.toContain(a.id);
    expect((await joinGroup(a, id, one.id)).status).toBe(403);
    expect((await api(`/api/rooms/${one.room_id}/join`, { method: "POST", token: a.token })).status).toBe(403);
    // The other group is untouched.
    expect((await joinGroup(c, id, two.id)).status).toBe(200);
  });

  it("attendance: being sent to a group is not a leave, and beats from a group's call count minutes", async () => {
    const { prof, students, id } = await ongoing(1);
    const [s] = students as [TestUser];
    // In the main call.
    expect((await api(`/api/meetings/${id}/presence`, { token: s.token, body: { in_call: true } })).status).toBe(200);
    const inMain = await participantRow(id, s.id);
    const res = await start(prof, id, { count: 1, assign: "random" });
    const [group] = res.body.breakouts;
    expect(group.student_ids).toEqual([s.id]);
    // Starting the groups left the interval open.
    expect(await participantRow(id, s.id)).toEqual(inMain);
    // The group's call: joining it keeps the same interval; its beats keep it going.
    expect((await joinGroup(s, id, group.id)).body.meeting).toMatchObject({ in_meeting: true, breakout: { id: group.id } });
    expect((await participantRow(id, s.id)).joinedAt).toEqual(inMain.joinedAt);
    // Ten minutes in (stored times moved back; tests cannot wait), beating from the group's call.
    const row = await participantRow(id, s.id);
    const back = (d: Date | null) => (d ? new Date(d.getTime() - 10 * 60_000) : d);
    await testDb().meetingParticipant.update({
      where: { id: row.id },
      data: { joinedAt: back(row.joinedAt), firstJoinedAt: back(row.firstJoinedAt), lastHeartbeatAt: new Date(Date.now() - 20_000) },
    });
    expect((await api(`/api/meetings/${id}/presence`, { token: s.token, body: { in_call: true } })).status).toBe(200);
    const minutes = (await details(prof, id)).participants[0].attended_minutes;
    expect(minutes).toBeGreaterThanOrEqual(10);
    expect(minutes).toBeLessThan(11);
    // Back in the main meeting, still the same interval; the meeting's end closes it with the groups.
    await end(prof, id);
    expect((await participantRow(id, s.id)).leftAt).toBeNull();
    expect((await start(prof, id, { count: 1, assign: "random" })).status).toBe(200);
    await action(prof, id, "end");
    const closed = await participantRow(id, s.id);
    expect(closed.attendedSeconds).toBeGreaterThanOrEqual(600);
    const rows = await groupRows(id);
    expect(rows.every((r) => r.endedAt !== null)).toBe(true);
    expect((await api(`/api/rooms/${rows.at(-1)!.roomId}`, { token: prof.token })).body.room.is_open).toBe(false);
  });
});
