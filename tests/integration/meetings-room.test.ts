// The companion room of a meeting: created with it, joined through the meetings' access policy
// (HTTP and socket joins alike), kept in step with the meeting, and kept after it for those who
// were in it. The backfill of the migration is run here against meetings made without a room.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, baseUrl, connect, createUser, emitAck, type TestUser } from "../helpers/client";
import { action, createMeeting, testDb } from "../helpers/meetings";

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function roomSocket(user: TestUser) {
  const s = await connect("/rooms", { token: user.token });
  open.push(s);
  return s;
}

const joinHttp = (user: TestUser, code: string) => api(`/api/rooms/${code}/join`, { method: "POST", token: user.token });
const roomOf = (user: TestUser, code: string) => api(`/api/rooms/${code}`, { token: user.token });
const notesOf = (user: TestUser, code: string) => api(`/api/notes/?room_id=${code}`, { token: user.token });
const membership = (code: string, userId: string) =>
  testDb().roomParticipant.findUnique({ where: { roomId_userId: { roomId: code, userId } } });

async function cast() {
  const [prof, s1, s2, otherProf, stranger] = await Promise.all([
    createUser({ role: "instructor", name: "Prof Ada" }),
    createUser({ role: "student", name: "Ana Student" }),
    createUser({ role: "student", name: "Ben Student" }),
    createUser({ role: "instructor" }),
    createUser({ role: "student" }),
  ]);
  const meeting = await createMeeting(prof, [s1, s2], { title: "Linear algebra review" });
  return { prof, s1, s2, otherProf, stranger, meeting, code: meeting.room_id as string };
}

describe("meetings: the companion room", () => {
  it("is created with the meeting: hosted by the instructor, named after the title, in every view", async () => {
    const { prof, s1, meeting, code } = await cast();
    expect(code).toMatch(/^[a-z0-9]{8}$/);
    const room = await roomOf(prof, code);
    expect(room.status).toBe(200);
    expect(room.body.room).toMatchObject({ room_id: code, name: "Linear algebra review", host_id: prof.id, is_open: true });
    expect(room.body.participants.map((p: { id: string }) => p.id)).toEqual([prof.id]);
    // The same id in the student's views and lists.
    expect((await api(`/api/meetings/${meeting.id}`, { token: s1.token })).body.meeting.room_id).toBe(code);
    expect((await api("/api/meetings/my/invitations", { token: s1.token })).body.meetings[0].room_id).toBe(code);
    expect((await api("/api/meetings", { token: prof.token })).body.meetings[0].room_id).toBe(code);
    // It is the instructor's room like any other.
    const mine = await api("/api/rooms", { token: prof.token });
    expect(mine.body.rooms.map((r: { room_id: string }) => r.room_id)).toContain(code);
    // Each meeting gets its own.
    const second = await createMeeting(prof, [s1]);
    expect(second.room_id).toMatch(/^[a-z0-9]{8}$/);
    expect(second.room_id).not.toBe(code);
  });

  it("a long title is cut to a room name; renaming the meeting renames the room", async () => {
    const prof = await createUser({ role: "instructor" });
    const title = `${"Très long titre ".repeat(8)}fin`; // 131 characters
    const meeting = await createMeeting(prof, [], { title });
    const before = await roomOf(prof, meeting.room_id);
    expect(before.body.room.name).toBe(Array.from(title).slice(0, 80).join("").trim());
    const put = await api(`/api/meetings/${meeting.id}`, { method: "PUT", token: prof.token, body: { title: "Statistics, week 3" } });
    expect(put.status).toBe(200);
    expect(put.body.meeting.room_id).toBe(meeting.room_id);
    expect((await roomOf(prof, meeting.room_id)).body.room.name).toBe("Statistics, week 3");
  });

  it("before the start: the owner may join; invitees wait (409); others never (403); nothing changes", async () => {
    const { prof, s1, otherProf, stranger, code } = await cast();
    const refused = await joinHttp(s1, code);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ success: false, error: "This meeting's room opens when the meeting starts", code: "CONFLICT" });
    for (const outsider of [stranger, otherProf]) {
      const res = await joinHttp(outsider, code);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect(await membership(code, outsider.id)).toBeNull();
    }
    expect(await membership(code, s1.id)).toBeNull();
    // The socket join goes through the same policy.
    const ack = await emitAck(await roomSocket(s1), "join_room", { room_id: code });
    expect(ack).toMatchObject({ success: false, code: "CONFLICT" });
    const ack2 = await emitAck(await roomSocket(stranger), "join_room", { room_id: code });
    expect(ack2).toMatchObject({ success: false, code: "FORBIDDEN" });
    // Reads stay closed to them too.
    expect((await roomOf(s1, code)).status).toBe(403);
    expect((await notesOf(s1, code)).status).toBe(403);
    // The instructor may come and go at any time.
    const owner = await emitAck(await roomSocket(prof), "join_room", { room_id: code });
    expect(owner).toMatchObject({ success: true, room: { room_id: code } });
    expect((await api(`/api/rooms/${code}/leave`, { method: "POST", token: prof.token })).status).toBe(200);
    expect((await joinHttp(prof, code)).status).toBe(200);
  });

  it("while ongoing: invitees may join (by the room or by joining the meeting); outsiders still may not", async () => {
    const { prof, s1, s2, stranger, otherProf, meeting, code } = await cast();
    await action(prof, meeting.id, "start");
    // Joining the meeting enters its room.
    await action(s1, meeting.id, "join");
    const room = await roomOf(s1, code);
    expect(room.status).toBe(200);
    expect(room.body.participants.map((p: { id: string }) => p.id).sort()).toEqual([prof.id, s1.id].sort());
    // Or straight through the room, socket or HTTP.
    const ack = await emitAck(await roomSocket(s2), "join_room", { room_id: code });
    expect(ack).toMatchObject({ success: true, room: { room_id: code, name: "Linear algebra review" } });
    for (const outsider of [stranger, otherProf]) {
      expect((await joinHttp(outsider, code)).status).toBe(403);
      expect(await membership(code, outsider.id)).toBeNull();
    }
    // Notes and chat work for the participants.
    const note = await api("/api/notes/", { token: s1.token, body: { room_id: code, content: "Eigenvalues: check the trace" } });
    expect(note.status).toBe(201);
    const msg = await emitAck(open.at(-1)!, "send_message", { room_id: code, content: "Hi all" });
    expect(msg.success).toBe(true);
  });

  it("after the end: the room stays open; those who were in it keep its notes and chat, the others do not get in", async () => {
    const { prof, s1, s2, stranger, meeting, code } = await cast();
    await action(prof, meeting.id, "start");
    await action(s1, meeting.id, "join");
    const s1sock = await roomSocket(s1);
    expect((await emitAck(s1sock, "join_room", { room_id: code })).success).toBe(true);
    expect((await emitAck(s1sock, "send_message", { room_id: code, content: "Question about exercise 4" })).success).toBe(true);
    expect((await api("/api/notes/", { token: s1.token, body: { room_id: code, content: "Exercise 4: use Gauss" } })).status).toBe(201);
    // s1 even leaves the room for good before the end: having been in it is what counts.
    expect((await api(`/api/rooms/${code}/leave`, { method: "POST", token: s1.token })).status).toBe(200);
    await action(prof, meeting.id, "end");

    const room = await roomOf(prof, code);
    expect(room.body.room.is_open).toBe(true); // ending the meeting does not close the room

    // s1 comes back afterwards (the room page joins over the socket) and reads everything.
    const back = await emitAck(await roomSocket(s1), "join_room", { room_id: code });
    expect(back.success).toBe(true);
    expect(back.messages.map((m: { content: string }) => m.content)).toContain("Question about exercise 4");
    expect(back.notes.map((n: { content: string }) => n.content)).toEqual(["Exercise 4: use Gauss"]);
    expect((await notesOf(s1, code)).body.notes).toHaveLength(1);
    const md = await fetch(`${baseUrl()}/api/rooms/${code}/notes.md`, { headers: { authorization: `Bearer ${s1.token}` } });
    expect(md.status).toBe(200);
    expect(await md.text()).toContain("Exercise 4: use Gauss");
    const history = await api(`/api/rooms/${code}/messages`, { token: s1.token });
    expect(history.body.messages.map((m: { content: string }) => m.content)).toContain("Question about exercise 4");

    // s2 never came: the meeting is over, the room stays closed to them.
    const late = await joinHttp(s2, code);
    expect(late.status).toBe(403);
    expect(late.body.error).toBe("This meeting is over: its room stays open to those who were in it");
    expect(await membership(code, s2.id)).toBeNull();
    expect((await notesOf(s2, code)).status).toBe(403);
    expect((await joinHttp(stranger, code)).status).toBe(403);
    // The instructor keeps it.
    expect((await notesOf(prof, code)).body.notes).toHaveLength(1);
    expect((await joinHttp(prof, code)).status).toBe(200);
  });

  it("a student taken off the meeting leaves its room and cannot come back; put back, they can", async () => {
    const { prof, s1, s2, meeting, code } = await cast();
    await action(prof, meeting.id, "start");
    await action(s1, meeting.id, "join");
    const sock = await roomSocket(s1);
    expect((await emitAck(sock, "join_room", { room_id: code })).success).toBe(true);

    const put = await api(`/api/meetings/${meeting.id}`, { method: "PUT", token: prof.token, body: { student_ids: [s2.id] } });
    expect(put.status).toBe(200);
    expect((await membership(code, s1.id))?.leftAt).toBeInstanceOf(Date);
    expect((await roomOf(s1, code)).status).toBe(403);
    // Their socket is out of the room: sending is refused.
    expect(await emitAck(sock, "send_message", { room_id: code, content: "still here?" })).toMatchObject({
      success: false,
      code: "FORBIDDEN",
    });
    const again = await joinHttp(s1, code);
    expect(again.status).toBe(403);
    expect(again.body.error).toBe("Only the instructor and the students invited to this meeting can join its room");

    // Back on the list while the meeting runs: in again.
    expect(
      (await api(`/api/meetings/${meeting.id}`, { method: "PUT", token: prof.token, body: { student_ids: [s1.id, s2.id] } })).status,
    ).toBe(200);
    expect((await joinHttp(s1, code)).status).toBe(200);
  });

  it("a cancelled meeting's room takes no invitees", async () => {
    const { prof, s1, meeting, code } = await cast();
    expect((await api(`/api/meetings/${meeting.id}`, { method: "DELETE", token: prof.token })).status).toBe(200);
    const res = await joinHttp(s1, code);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("This meeting was cancelled");
    expect((await joinHttp(prof, code)).status).toBe(200);
  });

  it("rooms without a meeting keep their rule: anyone with the code", async () => {
    const [a, b] = await Promise.all([createUser(), createUser({ role: "instructor" })]);
    const room = await api("/api/rooms", { token: a.token, body: { name: "Study group" } });
    expect((await joinHttp(b, room.body.room.room_id)).status).toBe(200);
  });
});

describe("meetings: the migration's backfill", () => {
  /** The hand-written part of the migration that attaches rooms, statement by statement. */
  function backfillStatements(): string[] {
    const dir = readdirSync("prisma/migrations").find((d) => d.endsWith("_meeting_rooms"));
    const sql = readFileSync(path.join("prisma/migrations", dir!, "migration.sql"), "utf8");
    const block = sql.slice(sql.indexOf("-- BACKFILL START"), sql.indexOf("-- BACKFILL END"));
    return block
      .split(/;\s*\n/)
      .map((s) => s.replace(/^--.*$/gm, "").trim())
      .filter(Boolean);
  }

  it("gives meetings made before rooms a room hosted by their instructor, and nothing else changes", async () => {
    const db = testDb();
    const prof = await createUser({ role: "instructor" });
    const student = await createUser({ role: "student" });
    const title = "Ancienne réunion ".repeat(6).trim();
    const old = await createMeeting(prof, [student], { title });
    const other = await createMeeting(prof, [student], { title: "Already has one" });
    // As before the migration: no room.
    await db.meeting.update({ where: { id: old.id }, data: { roomId: null } });

    const statements = backfillStatements();
    expect(statements.length).toBeGreaterThanOrEqual(4);
    await db.$transaction(async (tx) => {
      for (const statement of statements) await tx.$executeRawUnsafe(statement);
    });

    const after = await db.meeting.findUniqueOrThrow({ where: { id: old.id } });
    expect(after.roomId).toMatch(/^[a-z0-9]{8}$/);
    expect(after.roomId).not.toBe(old.room_id);
    const room = await db.room.findUniqueOrThrow({ where: { id: after.roomId! }, include: { participants: true } });
    expect(room).toMatchObject({ name: title.slice(0, 80), hostId: prof.id, isOpen: true, mode: "chat", controls: "everyone" });
    expect(room.participants.map((p) => p.userId)).toEqual([prof.id]);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: other.id } })).roomId).toBe(other.room_id);

    // And the policy applies to it like to any meeting's room.
    expect((await joinHttp(student, after.roomId!)).status).toBe(409);
    const view = await api(`/api/meetings/${old.id}`, { token: student.token });
    expect(view.body.meeting.room_id).toBe(after.roomId);
  });
});
