// A course channel at class size: 300 members, sends that write a constant number of rows, unread
// counts computed on read and exact for every member, members paged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatClient, closeAllChatClients, type ChatClient } from "../helpers/chat";
import { api, createUser, type TestUser } from "../helpers/client";
import { seedUsers, withDb } from "../helpers/seed";

let instructor: TestUser;
let students: TestUser[];
let slug: string;
let channelId: string;

const unreadOf = async (user: TestUser, s = slug): Promise<number> =>
  ((await api("/api/channels", { token: user.token })).body.channels as any[]).find((c) => c.slug === s)?.unread_count;

const post = async (user: TestUser, content: string, extra: Record<string, unknown> = {}) => {
  const res = await api(`/api/channels/${slug}/messages`, { token: user.token, body: { content, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.message;
};

beforeAll(async () => {
  instructor = await createUser({ role: "instructor" });
  students = await seedUsers(299);
  const res = await api("/api/channels", {
    token: instructor.token,
    body: { name: "Physics 101", type: "course", member_ids: students.map((s) => s.id) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  slug = res.body.channel.slug;
  channelId = res.body.channel.id;
  expect(res.body.channel.member_count).toBe(300);
}, 120_000);

afterAll(() => closeAllChatClients());

describe("a 300-member course channel", () => {
  it("a send stores one message, writes no member's row, and its ack carries it", async () => {
    const before = await withDb(
      async (db) =>
        (
          await db.query("SELECT user_id, last_read_seq, joined_at FROM channel_members WHERE channel_id = $1 ORDER BY user_id", [
            channelId,
          ])
        ).rows,
    );
    const sender = await chatClient(students[0]!);
    const ack = await sender.emit("send_message", { channel: slug, content: "Is the homework due Friday?", client_id: "hw-1" });
    expect(ack).toMatchObject({
      success: true,
      message: { channel: slug, seq: 1, content: "Is the homework due Friday?", client_id: "hw-1" },
    });
    const again = await sender.emit("send_message", { channel: slug, content: "Is the homework due Friday?", client_id: "hw-1" });
    expect(again.message).toEqual(ack.message);
    const stored = await withDb(async (db) => ({
      messages: (await db.query("SELECT id, seq FROM messages WHERE channel_id = $1", [channelId])).rows,
      members: (
        await db.query("SELECT user_id, last_read_seq, joined_at FROM channel_members WHERE channel_id = $1 ORDER BY user_id", [channelId])
      ).rows,
      lastSeq: (await db.query("SELECT last_seq FROM channels WHERE id = $1", [channelId])).rows[0].last_seq,
    }));
    expect(stored.messages).toEqual([{ id: ack.message.id, seq: 1 }]);
    expect(stored.lastSeq).toBe(1);
    expect(stored.members).toEqual(before);
  });

  it("unread counts are exact for readers, the author, late joiners, edits and deletions", async () => {
    const [s1, s2, s3] = students;
    const base = await unreadOf(s2!);
    const base1 = await unreadOf(s1!);
    const m1 = await post(s1!, "first");
    const m2 = await post(s1!, "second");
    const mine = await post(s2!, "my own");
    expect(await unreadOf(s2!)).toBe(base + 2);
    expect(await unreadOf(s1!)).toBe(base1 + 1);

    // Reading moves the marker forward only.
    const reader = await chatClient(s2!);
    expect(await reader.emit("mark_read", { channel: slug, message_id: m1.id })).toMatchObject({ success: true, unread_count: 1 });
    expect(await reader.emit("mark_read", { channel: slug, message_id: mine.id })).toMatchObject({ success: true, unread_count: 0 });
    expect(await reader.emit("mark_read", { channel: slug, message_id: m1.id })).toMatchObject({ success: true, unread_count: 0 });

    // Edits change nothing; a deletion takes the message out of the counts of those who had it unread.
    const s3Before = await unreadOf(s3!);
    await api(`/api/messages/${m2.id}`, { method: "PATCH", token: s1!.token, body: { content: "second, edited" } });
    expect(await unreadOf(s3!)).toBe(s3Before);
    await api(`/api/messages/${m2.id}`, { method: "DELETE", token: s1!.token });
    expect(await unreadOf(s3!)).toBe(s3Before - 1);
    expect(await unreadOf(s2!)).toBe(0);

    // A member added later starts with nothing unread, then counts what comes after.
    const late = await createUser();
    const add = await api(`/api/channels/${slug}/members`, { token: instructor.token, body: { user_ids: [late.id] } });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.channel.member_count).toBe(301);
    expect(await unreadOf(late)).toBe(0);
    await post(s1!, "after the late one joined");
    expect(await unreadOf(late)).toBe(1);
    // Their own messages never count; a deleted own message changes nothing.
    const own = await post(late, "hello all");
    await api(`/api/messages/${own.id}`, { method: "DELETE", token: late.token });
    expect(await unreadOf(late)).toBe(1);
  });

  it("members hear unread_update once per tick with their own count, the author nothing", async () => {
    const [, , , a, b] = students;
    const author = await chatClient(a!);
    const listener = await chatClient(b!);
    const start = await unreadOf(b!);
    const first = await author.emit("send_message", { channel: slug, content: "burst 0" });
    for (let i = 1; i < 5; i++) await author.emit("send_message", { channel: slug, content: `burst ${i}` });
    const last = await listener.waitFor("unread_update", (u) => u.channel === slug && u.unread_count === start + 5);
    expect(last.last_message).toMatchObject({ content: "burst 4" });
    expect(last.last_seq).toEqual(last.last_message.seq);
    await author.sync();
    const ours = (u: any) => u.channel === slug && u.last_seq >= first.message.seq;
    expect(author.seen("unread_update", ours)).toEqual([]);
    // Five sends close together are fewer updates than messages.
    expect(listener.seen("unread_update", ours).length).toBeLessThan(5);
  });

  it("the channel list and join_channel answer the count and the first page of members; the rest are paged", async () => {
    const list = ((await api("/api/channels", { token: students[7]!.token })).body.channels as any[]).find((c) => c.slug === slug);
    expect(list).toMatchObject({ member_count: 301, is_member: true, last_seq: expect.any(Number) });
    const viewer: ChatClient = await chatClient(students[7]!);
    const opened = await viewer.emit("join_channel", { channel: slug });
    expect(opened.success).toBe(true);
    expect(opened.members).toHaveLength(50);
    expect(opened.members_next_cursor).toEqual(expect.any(String));
    const seen = new Set<string>(opened.members.map((m: any) => m.id));
    for (let cursor = opened.members_next_cursor; cursor;) {
      const page = await api(`/api/channels/${slug}/members?limit=100&after=${encodeURIComponent(cursor)}`, { token: students[7]!.token });
      expect(page.status).toBe(200);
      for (const m of page.body.members) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
      }
      cursor = page.body.next_cursor;
    }
    expect(seen.size).toBe(301);
    expect((await api(`/api/channels/${slug}/members?after=nonsense`, { token: students[7]!.token })).status).toBe(400);
    const outsider = await createUser();
    expect((await api(`/api/channels/${slug}/members`, { token: outsider.token })).status).toBe(403);
  });

  it("history is in seq order with no holes, whatever the concurrency", async () => {
    const senders = await Promise.all(students.slice(20, 32).map((s) => chatClient(s)));
    const acks = await Promise.all(
      senders.flatMap((c, i) =>
        [0, 1, 2].map((n) => c.emit("send_message", { channel: slug, content: `c${i}-${n}`, client_id: `c${i}-${n}` })),
      ),
    );
    expect(acks.filter((a) => !a.success)).toEqual([]);
    const seqs = await withDb(async (db) =>
      (await db.query("SELECT seq FROM messages WHERE channel_id = $1 ORDER BY seq", [channelId])).rows.map((r) => r.seq),
    );
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const lastSeq = await withDb(
      async (db) => (await db.query("SELECT last_seq FROM channels WHERE id = $1", [channelId])).rows[0].last_seq,
    );
    expect(lastSeq).toBe(seqs.length);
  });
});
