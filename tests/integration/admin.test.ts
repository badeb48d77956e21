// Administration (contract section 8): permissions, deactivation, instructor requests, reports, audit.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import {
  ADMIN,
  adminToken,
  api,
  connect,
  createUser,
  emitAck,
  nextEvent,
  unique,
  waitForDisconnect,
  type TestUser,
} from "../helpers/client";
import { createChannel, dm, say } from "../helpers/chat";

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function sock(ns: string, user: { token: string }) {
  const s = await connect(ns, { token: user.token });
  open.push(s);
  return s;
}

let admin: string;
beforeAll(async () => {
  admin = await adminToken();
});

const patch = (id: string, body: unknown, token = admin) => api(`/api/admin/users/${id}`, { method: "PATCH", body, token });
const findUser = async (q: string) => (await api(`/api/admin/users?q=${encodeURIComponent(q)}`, { token: admin })).body.users as any[];
const audit = async () => (await api("/api/admin/audit?limit=100", { token: admin })).body.entries as any[];

describe("administration", () => {
  it("answers 403 to non-administrators on every route; is_admin grants and revokes; self-demotion and bad input change nothing", async () => {
    const [student, other] = await Promise.all([createUser(), createUser()]);
    const adminUser = (await findUser(ADMIN.email))[0];
    expect(adminUser).toMatchObject({ is_admin: true, admin_by_config: true, email: ADMIN.email });

    const calls: [string, string, unknown?][] = [
      ["GET", "/api/admin/users"],
      ["PATCH", `/api/admin/users/${other.id}`, { role: "instructor" }],
      ["POST", `/api/admin/users/${other.id}/password-reset`],
      ["POST", `/api/admin/users/${other.id}/instructor-request`, { action: "approve" }],
      ["GET", "/api/admin/audit"],
      ["GET", "/api/admin/reports"],
      ["POST", "/api/admin/reports/nope/resolve", { action: "dismiss" }],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(path, { method, body, token: student.token });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: "FORBIDDEN" });
    }
    expect((await api("/api/admin/users")).status).toBe(401);
    expect((await findUser(other.username))[0]).toMatchObject({ role: "student", is_admin: false });

    // Bad input: the contract's errors, nothing changed.
    for (const body of [{}, { role: "god" }, { deactivated: "yes" }, { is_admin: true, extra: 1 }]) {
      const res = await patch(other.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
    }
    expect((await patch("no-such-user", { role: "instructor" })).status).toBe(404);
    for (const qs of ["status=zzz", "limit=0", "limit=101", "role=admin", "before=%21%21"]) {
      expect((await api(`/api/admin/users?${qs}`, { token: admin })).status, qs).toBe(400);
    }
    expect((await api("/api/admin/audit?before=xyz", { token: admin })).status).toBe(400);
    expect((await findUser(other.username))[0]).toMatchObject({ role: "student", is_admin: false, deactivated_at: null });

    // Promotion: the student is an administrator at once (same token), and says so in /api/me.
    const granted = await patch(student.id, { is_admin: true });
    expect(granted.status).toBe(200);
    expect(granted.body.user).toMatchObject({ id: student.id, is_admin: true, admin_by_config: false, email: student.email });
    expect((await api("/api/me", { token: student.token })).body.user.is_admin).toBe(true);
    expect((await api("/api/admin/users", { token: student.token })).status).toBe(200);

    // An administrator can neither deactivate nor demote themselves; nobody demotes an ADMIN_EMAILS one.
    const selfOff = await patch(student.id, { deactivated: true }, student.token);
    expect(selfOff.status).toBe(409);
    expect(selfOff.body).toMatchObject({ code: "CONFLICT", error: "You cannot deactivate your own account" });
    const selfDemote = await patch(student.id, { is_admin: false }, student.token);
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.error).toBe("You cannot remove your own administrator rights");
    expect((await patch(adminUser.id, { is_admin: false }, student.token)).status).toBe(409);
    expect((await api("/api/me", { token: student.token })).status).toBe(200);

    const revoked = await patch(student.id, { is_admin: false });
    expect(revoked.body.user.is_admin).toBe(false);
    expect((await api("/api/admin/users", { token: student.token })).status).toBe(403);

    const entries = (await audit()).filter((e) => e.target_id === student.id);
    expect(entries.map((e) => e.action)).toEqual(["user.admin_revoked", "user.admin_granted"]);
    expect(entries[1]).toMatchObject({
      actor: { id: adminUser.id, username: ADMIN.username },
      target_type: "user",
      details: { username: student.username },
    });
    expect(entries.every((e) => !Number.isNaN(Date.parse(e.created_at)))).toBe(true);
  });

  it("deactivation closes the live socket and kills the token at once, sign-in gets 403 ACCOUNT_DEACTIVATED, reactivation restores; nothing is deleted", async () => {
    const [user, friend] = await Promise.all([createUser(), createUser()]);
    const sent = await dm(user, friend.id, "still here afterwards");
    expect(sent.status).toBe(201);
    const socket = await sock("/chat", user);
    const gone = waitForDisconnect(socket);

    const off = await patch(user.id, { deactivated: true });
    expect(off.status).toBe(200);
    expect(Date.parse(off.body.user.deactivated_at)).toBeGreaterThan(0);
    expect(await gone).toBe("io server disconnect");
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    await expect(connect("/chat", { token: user.token })).rejects.toThrow("UNAUTHENTICATED");

    const signIn = await api("/api/auth/token", { body: { username: user.username, password: user.password } });
    expect(signIn.status).toBe(403);
    expect(signIn.body).toMatchObject({ success: false, code: "ACCOUNT_DEACTIVATED" });
    // A wrong password learns nothing about the account's state.
    expect((await api("/api/auth/token", { body: { username: user.username, password: "wrong password" } })).status).toBe(401);

    const listed = await api(`/api/admin/users?status=deactivated&q=${user.username}`, { token: admin });
    expect(listed.body.users.map((u: { id: string }) => u.id)).toEqual([user.id]);
    expect((await api(`/api/admin/users?status=active&q=${user.username}`, { token: admin })).body.users).toEqual([]);
    // The account and its messages are kept.
    const history = await api(`/api/messages?with=${user.id}`, { token: friend.token });
    expect(history.body.messages.map((m: { content: string }) => m.content)).toContain("still here afterwards");

    const on = await patch(user.id, { deactivated: false });
    expect(on.body.user.deactivated_at).toBeNull();
    const again = await api("/api/auth/token", { body: { username: user.username, password: user.password } });
    expect(again.status).toBe(200);
    expect((await api("/api/me", { token: again.body.token })).status).toBe(200);
    open.push(await connect("/chat", { token: again.body.token }));
    expect((await api("/api/me", { token: user.token })).status).toBe(401); // the old token stays dead

    const actions = (await audit()).filter((e) => e.target_id === user.id).map((e) => e.action);
    expect(actions).toEqual(["user.reactivated", "user.deactivated"]);
  });

  it("searches with % and _ taken literally, filters by role, and pages newest first with a cursor", async () => {
    const tag = unique("q");
    const pct = await createUser({ name: `${tag}%pct` });
    const under = await createUser({ name: `${tag}_under` });
    const plain = await createUser({ name: `${tag}plain` });
    const teacher = await createUser({ name: `${tag} teacher`, role: "instructor" });
    expect((await findUser(`${tag}%`)).map((u) => u.id)).toEqual([pct.id]);
    expect((await findUser(`${tag}_`)).map((u) => u.id)).toEqual([under.id]);
    expect((await api(`/api/admin/users?q=${tag}&role=instructor`, { token: admin })).body.users.map((u: { id: string }) => u.id)).toEqual([
      teacher.id,
    ]);

    const first = await api(`/api/admin/users?q=${tag}&limit=3`, { token: admin });
    expect(first.body.users.map((u: { id: string }) => u.id)).toEqual([teacher.id, plain.id, under.id]);
    expect(first.body.users[0]).toMatchObject({ role: "instructor", email: teacher.email, last_seen: null, deactivated_at: null });
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api(`/api/admin/users?q=${tag}&limit=3&before=${first.body.next_cursor}`, { token: admin });
    expect(second.body.users.map((u: { id: string }) => u.id)).toEqual([pct.id]);
    expect(second.body.next_cursor).toBeNull();
  });

  it("instructor requests: pending without a sign-up code, approved or declined by an administrator, audit-logged; the user sees the role", async () => {
    const register = async () => {
      const username = unique("req");
      const res = await api("/api/auth/register", {
        body: { email: `${username}@example.test`, username, password: "a long password", role: "instructor" },
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ role: "student", instructor_requested: true });
      const tok = await api("/api/auth/token", { body: { username, password: "a long password" } });
      return { id: res.body.user.id as string, username, token: tok.body.token as string };
    };
    const [yes, no] = await Promise.all([register(), register()]);
    const pending = await api(`/api/admin/users?request=instructor&q=${yes.username}`, { token: admin });
    expect(pending.body.users).toEqual([expect.objectContaining({ id: yes.id, instructor_requested_at: expect.any(String) })]);

    const bad = await api(`/api/admin/users/${yes.id}/instructor-request`, { body: { action: "maybe" }, token: admin });
    expect(bad.status).toBe(400);
    const approved = await api(`/api/admin/users/${yes.id}/instructor-request`, { body: { action: "approve" }, token: admin });
    expect(approved.body.user).toMatchObject({ role: "instructor", instructor_requested_at: null });
    expect((await api("/api/me", { token: yes.token })).body.user).toMatchObject({ role: "instructor", instructor_requested: false });
    const twice = await api(`/api/admin/users/${yes.id}/instructor-request`, { body: { action: "approve" }, token: admin });
    expect(twice.status).toBe(409);

    const declined = await api(`/api/admin/users/${no.id}/instructor-request`, { body: { action: "decline" }, token: admin });
    expect(declined.body.user).toMatchObject({ role: "student", instructor_requested_at: null });
    expect((await api(`/api/admin/users?request=instructor&q=${no.username}`, { token: admin })).body.users).toEqual([]);

    const entries = await audit();
    const of = (id: string) => entries.filter((e) => e.target_id === id).map((e) => e.action);
    expect(of(yes.id).sort()).toEqual(["user.instructor_request_approved", "user.role_changed"]);
    expect(entries.find((e) => e.target_id === yes.id && e.action === "user.role_changed").details).toMatchObject({
      from: "student",
      to: "instructor",
    });
    expect(of(no.id)).toEqual(["user.instructor_request_declined"]);
  });

  it("reports: readers of channel, direct and room messages report; administrators list them in context, dismiss or delete", async () => {
    const [owner, member, outsider, host, guest] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    const channel = await createChannel(owner, { name: unique("mod"), type: "private", member_ids: [member.id] });
    await say(owner, channel.slug, "before");
    const bad = (await say(owner, channel.slug, "a rude message")).body.message;
    await say(owner, channel.slug, "after");
    const direct = (await dm(owner, member.id, "a rude direct message")).body.message;

    const created = await api("/api/rooms", { token: host.token, body: { name: "Moderated room" } });
    const code = created.body.room.room_id as string;
    const [hostSock, guestSock] = [await sock("/rooms", host), await sock("/rooms", guest)];
    await emitAck(hostSock, "join_room", { room_id: code });
    await emitAck(guestSock, "join_room", { room_id: code });
    const roomMsg = (await emitAck(hostSock, "send_message", { room_id: code, content: "a rude room message" })).message;

    const report = (id: string, user: TestUser, reason: unknown = "Offensive") =>
      api(`/api/messages/${id}/report`, { body: { reason }, token: user.token });
    expect((await report(bad.id, outsider)).status).toBe(403);
    expect((await report(direct.id, outsider)).status).toBe(403);
    expect((await report(roomMsg.id, outsider)).status).toBe(403);
    expect((await report("no-such-message", member)).status).toBe(404);
    expect((await report(bad.id, member, "  ")).body.code).toBe("VALIDATION_ERROR");
    expect((await report(bad.id, member, "x".repeat(501))).status).toBe(400);
    const first = await report(bad.id, member);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ success: true, report_id: expect.any(String) });
    expect((await report(bad.id, member)).status).toBe(409);
    expect((await report(direct.id, member, "Harassment")).status).toBe(201);
    expect((await report(roomMsg.id, guest, "Spam")).status).toBe(201);

    const list = await api("/api/admin/reports?status=open", { token: admin });
    const mine = (list.body.reports as any[]).filter((r) => [bad.id, direct.id, roomMsg.id].includes(r.message?.id));
    expect(mine).toHaveLength(3);
    const channelReport = mine.find((r) => r.message.id === bad.id);
    expect(channelReport).toMatchObject({
      reason: "Offensive",
      status: "open",
      reporter: { id: member.id },
      message: { kind: "channel", channel: channel.slug, content: "a rude message", author: { id: owner.id } },
    });
    expect(channelReport.message.context.map((m: { content: string }) => m.content)).toEqual(["before", "a rude message", "after"]);
    expect(mine.find((r) => r.message.id === direct.id).message).toMatchObject({ kind: "direct", channel: null });
    expect(mine.find((r) => r.message.id === roomMsg.id).message).toMatchObject({ kind: "room", room_id: code });
    expect((await api("/api/admin/reports?status=later", { token: admin })).status).toBe(400);

    // Delete: the channel message is soft-deleted for everyone, the report resolved, the audit written.
    const resolve = (id: string, action: unknown) => api(`/api/admin/reports/${id}/resolve`, { body: { action }, token: admin });
    expect((await resolve(channelReport.id, "ban")).status).toBe(400);
    expect((await resolve("no-such-report", "dismiss")).status).toBe(404);
    const deleted = await resolve(channelReport.id, "delete_message");
    expect(deleted.body.report).toMatchObject({
      status: "resolved",
      resolution: "delete_message",
      resolved_by: { username: ADMIN.username },
    });
    expect(deleted.body.report.message).toMatchObject({ deleted: true, content: null });
    expect((await resolve(channelReport.id, "dismiss")).status).toBe(409);
    const history = await api(`/api/channels/${channel.slug}/messages`, { token: member.token });
    expect(history.body.messages.find((m: { id: string }) => m.id === bad.id)).toMatchObject({ deleted: true, content: null });

    // Dismiss: the message stays.
    const directReport = mine.find((r) => r.message.id === direct.id);
    expect((await resolve(directReport.id, "dismiss")).body.report).toMatchObject({ status: "resolved", resolution: "dismiss" });
    expect(
      (await api(`/api/messages?with=${owner.id}`, { token: member.token })).body.messages.map((m: { content: string }) => m.content),
    ).toContain("a rude direct message");

    // A room message goes from every open room page.
    const dropped = nextEvent(guestSock, "message_deleted", (p: { id: string }) => p.id === roomMsg.id);
    const roomReport = mine.find((r) => r.message.id === roomMsg.id);
    expect((await resolve(roomReport.id, "delete_message")).body.report).toMatchObject({ status: "resolved", message: null });
    expect(await dropped).toEqual({ room_id: code, id: roomMsg.id });
    const rejoin = await emitAck(guestSock, "join_room", { room_id: code });
    expect(rejoin.messages.map((m: { id: string }) => m.id)).not.toContain(roomMsg.id);

    const resolved = (await api("/api/admin/reports?status=resolved", { token: admin })).body.reports.map((r: { id: string }) => r.id);
    expect(resolved).toEqual(expect.arrayContaining([channelReport.id, directReport.id, roomReport.id]));
    const actions = (await audit())
      .filter((e) => [channelReport.id, directReport.id, roomReport.id].includes(e.target_id))
      .map((e) => e.action);
    expect(actions.sort()).toEqual(["report.dismissed", "report.message_deleted", "report.message_deleted"]);
  });
});
