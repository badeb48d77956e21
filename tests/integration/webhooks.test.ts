// Webhooks end to end: a real receiver (node:http in this process) hears each event, triggered by
// the real API and sockets, signed as documented; retries, the delivery log, redelivery,
// permissions and bad input. The test server allows 127.0.0.1 targets and retries after 1 s
// (tests/setup/global-setup.ts); the refusal of internal targets is in tests/unit/webhooks-ssrf.test.ts
// and tests/cluster/jobs.test.ts.
import { afterAll, describe, expect, it } from "vitest";
import { adminToken, api, connect, createUser, emitAck, unique, type TestUser } from "../helpers/client";
import { action, createMeeting, testDb } from "../helpers/meetings";
import { createChannel } from "../helpers/chat";
import { signedWith, startReceiver, type Receiver } from "../helpers/webhooks";

const ALL = ["meeting.started", "meeting.ended", "attendance.ready", "message.created", "room.closed"];
const receivers: Receiver[] = [];
const adminHooks: string[] = [];

afterAll(async () => {
  // The administrator hears every file's events: their webhooks must not outlive this file.
  const admin = await adminToken();
  for (const id of adminHooks) await api(`/api/webhooks/${id}`, { method: "DELETE", token: admin });
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function createHook(token: string, body: Record<string, unknown>) {
  const res = await api("/api/webhooks", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as {
    webhook: { id: string; url: string; events: string[]; owner_id: string; secret_hint: string };
    secret: string;
  };
}

const deliveries = async (token: string, id: string) => {
  const res = await api(`/api/webhooks/${id}/deliveries`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.deliveries as Record<string, any>[];
};

async function until<T>(fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const webhookCount = (ownerId: string) => testDb().webhook.count({ where: { ownerId } });

describe("webhook deliveries", () => {
  it("delivers each event, signed, with the documented headers and body", async () => {
    const teacher = await createUser({ role: "instructor" });
    const student = await createUser();
    const hook = await receiver();
    const { webhook, secret } = await createHook(teacher.token, { url: hook.url, events: ALL });
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(webhook).toMatchObject({ url: hook.url, events: ALL, owner_id: teacher.id, secret_hint: `…${secret.slice(-4)}` });
    // A listing never shows the secret again.
    const listed = await api("/api/webhooks", { token: teacher.token });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    // Meeting started, a student attends, ended: three events.
    const meeting = await createMeeting(teacher, [student]);
    await action(teacher, meeting.id, "start");
    const [started] = await hook.waitFor("meeting.started", (d) => d.meeting.id === meeting.id);
    expect(started!.json.data.meeting).toMatchObject({ id: meeting.id, status: "ongoing" });
    await action(student, meeting.id, "join");
    await action(teacher, meeting.id, "end");
    const [ended] = await hook.waitFor("meeting.ended", (d) => d.meeting.id === meeting.id);
    expect(ended!.json.data.meeting.status).toBe("completed");
    const [ready] = await hook.waitFor("attendance.ready", (d) => d.meeting.id === meeting.id);
    // The rows GET /api/meetings/{id}/attendance answers, now final.
    const report = await api(`/api/meetings/${meeting.id}/attendance`, { token: teacher.token });
    expect(ready!.json.data.attendance).toEqual(report.body.attendance);
    expect(ready!.json.data.attendance).toEqual([
      expect.objectContaining({ student_id: student.id, status: "attended", in_meeting: false }),
    ]);

    // A message in the teacher's course channel, sent over the socket; one in a public channel is not an event.
    const course = await createChannel(teacher, { name: unique("Course "), type: "course", member_ids: [student.id] });
    const lounge = await createChannel(teacher, { name: unique("Lounge "), type: "public" });
    const chat = await connect("/chat", { token: student.token });
    try {
      await emitAck(chat, "join_channel", { channel: lounge.slug });
      expect((await emitAck(chat, "send_message", { channel: lounge.slug, content: "not for webhooks" })).success).toBe(true);
      const sent = await emitAck(chat, "send_message", { channel: course.slug, content: "Question about **lab 2**" });
      expect(sent.success, JSON.stringify(sent)).toBe(true);
      const [msg] = await hook.waitFor("message.created", (d) => d.message.id === sent.message.id);
      expect(msg!.json.data).toMatchObject({
        channel: { id: course.id, slug: course.slug, type: "course", owner_id: teacher.id },
        message: { id: sent.message.id, content: "Question about **lab 2**", author: { id: student.id } },
      });
    } finally {
      chat.close();
    }

    // A room the teacher hosts, closed over the socket.
    const room = await api("/api/rooms", { token: teacher.token, body: { name: "Office hours" } });
    const rooms = await connect("/rooms", { token: teacher.token });
    try {
      const closed = await emitAck(rooms, "close_room", { room_id: room.body.room.room_id });
      expect(closed.success, JSON.stringify(closed)).toBe(true);
    } finally {
      rooms.close();
    }
    const [roomClosed] = await hook.waitFor("room.closed", (d) => d.room.room_id === room.body.room.room_id);
    expect(roomClosed!.json.data).toMatchObject({
      room: { room_id: room.body.room.room_id, host_id: teacher.id, is_open: false },
      meeting_id: null,
    });

    // Every request: signed with the secret, its headers, the body's four fields; the log agrees.
    const all = [started!, ended!, ready!, msg(hook), roomClosed!];
    const log = await until(async () => {
      const rows = await deliveries(teacher.token, webhook.id);
      return rows.length === 5 && rows.every((d) => d.status === "succeeded") && rows;
    });
    for (const r of all) {
      expect(signedWith(secret, r), r.json.event).toBe(true);
      expect(signedWith("whsec_another-secret-entirely-000000", r)).toBe(false);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["x-mem2gether-event"]).toBe(r.json.event);
      expect(Object.keys(r.json).sort()).toEqual(["created_at", "data", "event", "id"]);
      expect(r.json.id).toMatch(/^evt_/);
      expect(new Date(r.json.created_at).toISOString()).toBe(r.json.created_at);
      const row = log.find((d) => d.id === r.headers["x-mem2gether-delivery"]);
      expect(row, r.json.event).toMatchObject({
        event: r.json.event,
        event_id: r.json.id,
        status: "succeeded",
        attempts: 1,
        last_response_status: 200,
      });
      expect(row!.delivered_at).not.toBeNull();
      expect(row!.next_attempt_at).toBeNull();
    }
    // The public channel's message made no delivery.
    expect(hook.of("message.created")).toHaveLength(1);
  }, 180_000);

  it("delivers only the events a webhook chose", async () => {
    const teacher = await createUser({ role: "instructor" });
    const onlyEnd = await receiver();
    const all = await receiver();
    const a = await createHook(teacher.token, { url: onlyEnd.url, events: ["meeting.ended"] });
    await createHook(teacher.token, { url: all.url, events: ALL });
    const meeting = await createMeeting(teacher);
    await action(teacher, meeting.id, "start");
    await action(teacher, meeting.id, "end");
    await all.waitFor("attendance.ready", (d) => d.meeting.id === meeting.id);
    await onlyEnd.waitFor("meeting.ended", (d) => d.meeting.id === meeting.id);
    // Rows are stored per occurrence for every subscriber at once: none exist for the unchosen events.
    expect((await deliveries(teacher.token, a.webhook.id)).map((d) => d.event)).toEqual(["meeting.ended"]);
    expect(onlyEnd.received.map((r) => r.json.event)).toEqual(["meeting.ended"]);
  });

  it("room.closed for a meeting's room names the meeting, and reaches its instructor", async () => {
    const teacher = await createUser({ role: "instructor" });
    const hook = await receiver();
    await createHook(teacher.token, { url: hook.url, events: ["room.closed"] });
    const meeting = await createMeeting(teacher);
    expect(meeting.room_id).toBeTruthy();
    const closed = await api(`/api/rooms/${meeting.room_id}/close`, { method: "POST", token: teacher.token });
    expect(closed.status).toBe(200);
    const [got] = await hook.waitFor("room.closed", (d) => d.room.room_id === meeting.room_id);
    expect(got!.json.data).toMatchObject({ meeting_id: meeting.id, room: { is_open: false } });
  });

  it("retries after a failure with the same delivery id, then logs the success; redelivers on request", async () => {
    const teacher = await createUser({ role: "instructor" });
    const hook = await receiver();
    hook.answers = [500];
    const { webhook, secret } = await createHook(teacher.token, {
      url: hook.url,
      events: ["meeting.started"],
      secret: "my-own-secret-0123456789",
    });
    expect(secret).toBe("my-own-secret-0123456789");
    const meeting = await createMeeting(teacher);
    await action(teacher, meeting.id, "start");
    const [first, second] = await hook.waitFor("meeting.started", () => true, 2);
    expect(second!.headers["x-mem2gether-delivery"]).toBe(first!.headers["x-mem2gether-delivery"]);
    expect(second!.body).toBe(first!.body);
    expect(signedWith(secret, second!)).toBe(true);
    const [row] = await until(async () => {
      const rows = await deliveries(teacher.token, webhook.id);
      return rows[0]?.status === "succeeded" && rows;
    });
    expect(row).toMatchObject({ attempts: 2, last_response_status: 200, last_error: null, next_attempt_at: null });

    const again = await api(`/api/webhooks/${webhook.id}/deliveries/${row!.id}/redeliver`, { method: "POST", token: teacher.token });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body.delivery).toMatchObject({ id: row!.id, attempts: 0 });
    const third = await hook.waitFor("meeting.started", () => true, 3);
    expect(third[2]!.headers["x-mem2gether-delivery"]).toBe(row!.id);
    expect(third[2]!.body).toBe(first!.body);
    await until(async () => {
      const [d] = await deliveries(teacher.token, webhook.id);
      return d?.status === "succeeded" && d.attempts === 1;
    });
    const missing = await api(`/api/webhooks/${webhook.id}/deliveries/nope/redeliver`, { method: "POST", token: teacher.token });
    expect(missing.status).toBe(404);
  });

  it("refuses a redelivery while an attempt is under way, and logs a timeout after 10 s", async () => {
    const teacher = await createUser({ role: "instructor" });
    const hook = await receiver();
    hook.fallback = "hold";
    const { webhook } = await createHook(teacher.token, { url: hook.url, events: ["meeting.started"] });
    const meeting = await createMeeting(teacher);
    await action(teacher, meeting.id, "start");
    await hook.waitFor("meeting.started");
    const [row] = await deliveries(teacher.token, webhook.id);
    expect(row).toMatchObject({ status: "delivering", attempts: 1 });
    const busy = await api(`/api/webhooks/${webhook.id}/deliveries/${row!.id}/redeliver`, { method: "POST", token: teacher.token });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe("CONFLICT");
    // No answer within 10 seconds: the attempt fails, and the log says so with a retry due.
    const failed = await until(async () => {
      const [d] = await deliveries(teacher.token, webhook.id);
      return d?.status === "pending" && d.last_error && d;
    }, 30_000);
    expect(failed.last_error).toBe("timed out after 10 s");
    expect(failed.last_response_status).toBeNull();
    expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThan(new Date(failed.last_attempt_at).getTime());
    expect((await api(`/api/webhooks/${webhook.id}`, { method: "DELETE", token: teacher.token })).status).toBe(200);
  }, 90_000);
});

describe("who hears what, and who may manage webhooks", () => {
  it("an instructor hears their own meetings only; an administrator hears everyone's", async () => {
    const a = await createUser({ role: "instructor" });
    const b = await createUser({ role: "instructor" });
    const [hookA, hookB, hookAdmin] = [await receiver(), await receiver(), await receiver()];
    await createHook(a.token, { url: hookA.url, events: ["meeting.started"] });
    const ofB = await createHook(b.token, { url: hookB.url, events: ["meeting.started"] });
    const admin = await adminToken();
    const ofAdmin = await createHook(admin, { url: hookAdmin.url, events: ["meeting.started"] });
    adminHooks.push(ofAdmin.webhook.id);
    const meeting = await createMeeting(a);
    await action(a, meeting.id, "start");
    await hookA.waitFor("meeting.started", (d) => d.meeting.id === meeting.id);
    await hookAdmin.waitFor("meeting.started", (d) => d.meeting.id === meeting.id);
    // One occurrence's rows are stored together: B has none.
    expect(await deliveries(b.token, ofB.webhook.id)).toEqual([]);
    expect(hookB.received).toEqual([]);
  });

  it("students are refused; another instructor's webhook is not found; an administrator sees and manages all", async () => {
    const teacher = await createUser({ role: "instructor" });
    const other = await createUser({ role: "instructor" });
    const student = await createUser();
    const hook = await receiver();
    const { webhook } = await createHook(teacher.token, { url: hook.url, events: ["room.closed"] });

    const refused = await api("/api/webhooks", { token: student.token, body: { url: hook.url, events: ["room.closed"] } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await webhookCount(student.id)).toBe(0);
    expect((await api("/api/webhooks", { token: student.token })).status).toBe(403);
    expect((await api(`/api/webhooks/${webhook.id}/deliveries`, { token: student.token })).status).toBe(403);
    expect((await api(`/api/webhooks/${webhook.id}`, { method: "DELETE", token: student.token })).status).toBe(403);
    expect((await api("/api/webhooks")).status).toBe(401);

    for (const res of [
      await api(`/api/webhooks/${webhook.id}`, { method: "DELETE", token: other.token }),
      await api(`/api/webhooks/${webhook.id}/deliveries`, { token: other.token }),
      await api(`/api/webhooks/${webhook.id}/deliveries/x/redeliver`, { method: "POST", token: other.token }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    expect((await api("/api/webhooks", { token: other.token })).body.webhooks).toEqual([]);
    expect(await webhookCount(teacher.id)).toBe(1);

    const admin = await adminToken();
    const all = await api("/api/webhooks?limit=100", { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.webhooks.map((w: { id: string }) => w.id)).toContain(webhook.id);
    expect((await api(`/api/webhooks/${webhook.id}/deliveries`, { token: admin })).status).toBe(200);
    expect((await api(`/api/webhooks/${webhook.id}`, { method: "DELETE", token: admin })).status).toBe(200);
    expect(await webhookCount(teacher.id)).toBe(0);
    expect((await api(`/api/webhooks/${webhook.id}`, { method: "DELETE", token: teacher.token })).status).toBe(404);
  });

  it("an instructor demoted to student hears nothing more and can no longer manage their webhook", async () => {
    const teacher = await createUser({ role: "instructor" });
    const hook = await receiver();
    const { webhook } = await createHook(teacher.token, { url: hook.url, events: ["room.closed"] });
    const admin = await adminToken();
    const watch = await receiver();
    const ofAdmin = await createHook(admin, { url: watch.url, events: ["room.closed"] });
    adminHooks.push(ofAdmin.webhook.id);
    const closeARoom = async () => {
      const room = await api("/api/rooms", { token: teacher.token, body: { name: unique("Office hours") } });
      expect(room.status).toBe(201);
      const id = room.body.room.room_id as string;
      expect((await api(`/api/rooms/${id}/close`, { method: "POST", token: teacher.token })).status).toBe(200);
      return id;
    };
    const before = await closeARoom();
    await hook.waitFor("room.closed", (d) => d.room.room_id === before);

    const demoted = await api(`/api/admin/users/${teacher.id}`, { method: "PATCH", token: admin, body: { role: "student" } });
    expect(demoted.status).toBe(200);
    const after = await closeARoom();
    // The administrator's webhook hears the closing; one occurrence's rows are stored together.
    await watch.waitFor("room.closed", (d) => d.room.room_id === after);
    expect(await testDb().webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(1);
    expect(hook.received.filter((r) => r.json.data.room.room_id === after)).toEqual([]);
    for (const res of [
      await api("/api/webhooks", { token: teacher.token }),
      await api(`/api/webhooks/${webhook.id}/deliveries`, { token: teacher.token }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
    // The webhook is kept (an administrator may promote them back, or delete it).
    expect(await webhookCount(teacher.id)).toBe(1);
  });

  it("personal access tokens: reading needs read, changing needs meetings:write", async () => {
    const teacher = await createUser({ role: "instructor" });
    const hook = await receiver();
    const pat = async (scopes: string[]) =>
      (await api("/api/tokens", { token: teacher.token, body: { name: unique("t"), scopes } })).body.token as string;
    const reader = await pat(["read"]);
    const writer = await pat(["meetings:write"]);
    expect((await api("/api/webhooks", { token: reader })).status).toBe(200);
    const denied = await api("/api/webhooks", { token: reader, body: { url: hook.url, events: ["room.closed"] } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("INSUFFICIENT_SCOPE");
    expect(await webhookCount(teacher.id)).toBe(0);
    expect((await api("/api/webhooks", { token: writer, body: { url: hook.url, events: ["room.closed"] } })).status).toBe(201);
  });

  it("refuses bad input with VALIDATION_ERROR and creates nothing", async () => {
    const teacher: TestUser = await createUser({ role: "instructor" });
    const url = "https://hooks.example.com/in";
    const cases: [Record<string, unknown> | string, string][] = [
      [{ events: ["room.closed"] }, "url"],
      [{ url: "ftp://hooks.example.com/in", events: ["room.closed"] }, "url"],
      [{ url: "not a url", events: ["room.closed"] }, "url"],
      [{ url, events: [] }, "events"],
      [{ url, events: ["meeting.exploded"] }, "events.0"],
      [{ url, events: ["room.closed", "room.closed"] }, "events"],
      [{ url, events: ["room.closed"], secret: "short" }, "secret"],
      [{ url, events: ["room.closed"], secret: "has spaces in the middle" }, "secret"],
      [{ url, events: ["room.closed"], extra: true }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = await api("/api/webhooks", { token: teacher.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      expect(Object.keys(res.body.details ?? {}), JSON.stringify(res.body)).toContain(field);
    }
    const notJson = await api("/api/webhooks", { token: teacher.token, raw: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(await webhookCount(teacher.id)).toBe(0);
    const badLimit = await api("/api/webhooks?limit=0", { token: teacher.token });
    expect(badLimit.status).toBe(400);
  });
});

/** The one message.created request of a receiver. */
function msg(r: Receiver) {
  return r.of("message.created")[0]!;
}
