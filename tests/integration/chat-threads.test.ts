// Threads and pins (CONTRACT.md section 10): replies over the socket and HTTP, the root's counters,
// live updates, unread counts for followers only, the thread endpoint, search, and pins with
// their permissions. Refusals are checked to change nothing.
import { afterEach, describe, expect, it } from "vitest";
import { adminToken, api, createUser, type TestUser } from "../helpers/client";
import { chatClient, closeAllChatClients, createChannel, dm, say, type ChatClient } from "../helpers/chat";

afterEach(() => closeAllChatClients());

/** A public channel of `n` users (the first owns it), each with a /chat socket that opened it. */
async function channelWith(n: number, type = "public") {
  const users = await Promise.all(Array.from({ length: n }, () => createUser()));
  const ch = await createChannel(users[0]!, { name: `Threads ${type}`, type, member_ids: users.slice(1).map((u) => u.id) });
  const clients: ChatClient[] = [];
  for (const u of users) {
    const c = await chatClient(u);
    expect((await c.emit("join_channel", { channel: ch.slug })).success).toBe(true);
    clients.push(c);
  }
  return { users, ch, clients };
}

const unreadOf = async (user: TestUser, slug: string): Promise<number> =>
  ((await api("/api/channels", { token: user.token })).body.channels as any[]).find((c) => c.slug === slug)?.unread_count;
const thread = (user: TestUser, id: string, query = "") => api(`/api/messages/${id}/thread${query}`, { token: user.token });
const timeline = async (user: TestUser, slug: string) =>
  ((await api(`/api/channels/${slug}/messages?limit=100`, { token: user.token })).body.messages as any[]).map((m) => m.id);

describe("threads", () => {
  it("a reply numbers in its thread, updates the root's counters live and stays out of the channel's timeline", async () => {
    const { users, ch, clients } = await channelWith(3);
    const [a, b, c] = clients;
    const root = (await a!.emit("send_message", { channel: ch.slug, content: "Question about the exam" })).message;
    expect(root).toMatchObject({ thread_id: null, reply_count: 0, last_reply_at: null, reply_user_ids: [], pinned_at: null });

    const reply = await b!.emit("send_message", { channel: ch.slug, content: "It is on Monday", thread_id: root.id });
    expect(reply).toMatchObject({ success: true, message: { thread_id: root.id, channel: ch.slug, seq: 1, content: "It is on Monday" } });
    // Live: the reply and the root's counters reach the channel's open sockets.
    expect(await c!.waitFor("message_created", (m) => m.id === reply.message.id)).toEqual(reply.message);
    expect(await c!.waitFor("thread_updated", (t) => t.id === root.id)).toMatchObject({
      channel: ch.slug,
      reply_count: 1,
      last_reply_at: reply.message.created_at,
      reply_user_ids: [users[1]!.id],
    });

    // A reply to a reply goes to the root; HTTP takes thread_id too.
    const second = await c!.emit("send_message", { channel: ch.slug, content: "Thanks", thread_id: reply.message.id, client_id: "th-1" });
    expect(second.message).toMatchObject({ thread_id: root.id, seq: 2 });
    const again = await c!.emit("send_message", { channel: ch.slug, content: "Thanks", thread_id: root.id, client_id: "th-1" });
    expect(again.message.id).toBe(second.message.id);
    const third = (await say(users[1]!, ch.slug, "See you", { thread_id: root.id })).body.message;
    expect(third).toMatchObject({ thread_id: root.id, seq: 3 });
    await a!.waitFor("thread_updated", (t) => t.id === root.id && t.reply_count === 3);

    const page = await thread(users[0]!, root.id);
    expect(page.status).toBe(200);
    expect(page.body.root).toMatchObject({ id: root.id, reply_count: 3, reply_user_ids: [users[1]!.id, users[2]!.id] });
    expect(page.body.messages.map((m: any) => m.id)).toEqual([reply.message.id, second.message.id, third.id]);
    expect(page.body.next_cursor).toBeNull();
    // Paging forward with `after`; a reply's id opens its root's thread.
    const first = await thread(users[2]!, reply.message.id, "?limit=1");
    expect(first.body.root.id).toBe(root.id);
    expect(first.body.messages.map((m: any) => m.id)).toEqual([reply.message.id]);
    const next = await thread(users[2]!, root.id, `?limit=5&after=${first.body.next_cursor}`);
    expect(next.body.messages.map((m: any) => m.id)).toEqual([second.message.id, third.id]);

    // The timeline has the root only; the channel's seq did not move.
    expect(await timeline(users[2]!, ch.slug)).toEqual([root.id]);
    const channel = ((await api("/api/channels", { token: users[2]!.token })).body.channels as any[]).find((x) => x.slug === ch.slug);
    expect(channel).toMatchObject({ last_seq: 1, last_message: { id: root.id, reply_count: 3 } });
    const next1 = (await a!.emit("send_message", { channel: ch.slug, content: "Next topic" })).message;
    expect(next1.seq).toBe(2);
  });

  it("replies count as unread only for the thread's followers (author, mentioned, repliers), and mark_read on a reply clears them", async () => {
    const { users, ch, clients } = await channelWith(4);
    const [author, replier, mentioned, bystander] = users;
    const [ca, cb, cc, cd] = clients;
    const root = (await ca!.emit("send_message", { channel: ch.slug, content: "Who has the slides?" })).message;
    // The root's own count goes out on the next unread tick (lib/chat/unread.ts): let it arrive
    // before the reads, so no late root count is mistaken for one the reply caused.
    for (const c of [cb, cc, cd])
      await c!.waitFor("unread_update", (u) => u.channel === ch.slug && u.last_message?.id === root.id && u.unread_count === 1);
    for (const c of clients) expect((await c.emit("mark_read", { channel: ch.slug, message_id: root.id })).success).toBe(true);

    const reply = (await cb!.emit("send_message", { channel: ch.slug, content: `Ask @${mentioned!.username}`, thread_id: root.id }))
      .message;
    // The count rose at the same last_seq: thread_seq (the followed threads' last seqs) orders it.
    expect(await ca!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 1)).toMatchObject({
      last_seq: 1,
      thread_seq: 1,
    });
    expect(await cc!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 1)).toBeTruthy();
    expect(await unreadOf(author!, ch.slug)).toBe(1);
    expect(await unreadOf(mentioned!, ch.slug)).toBe(1);
    expect(await unreadOf(replier!, ch.slug)).toBe(0);
    expect(await unreadOf(bystander!, ch.slug)).toBe(0);
    await cd!.sync();
    await cb!.sync();
    // No count for whoever does not follow the thread, nor for the replier.
    // The only count above zero they ever heard is the root's own tick, before their read.
    const counts = (c: typeof cd) => c!.seen("unread_update", (u) => u.channel === ch.slug && u.unread_count > 0).length;
    expect([counts(cd), counts(cb)]).toEqual([1, 1]);

    // The author reads the reply in the thread panel.
    const read = await ca!.emit("mark_read", { channel: ch.slug, message_id: reply.id });
    expect(read).toMatchObject({ success: true, channel: ch.slug, unread_count: 0 });
    expect(await unreadOf(author!, ch.slug)).toBe(0);
    // Marking a reply read means nothing for a non-follower.
    expect(await cd!.emit("mark_read", { channel: ch.slug, message_id: reply.id })).toMatchObject({ success: true, unread_count: 0 });

    // The bystander replies and follows from then on; a deleted reply leaves the counts.
    await cd!.emit("send_message", { channel: ch.slug, content: "Here they are", thread_id: root.id });
    const last = (await cc!.emit("send_message", { channel: ch.slug, content: "Thanks!", thread_id: root.id })).message;
    expect(await unreadOf(bystander!, ch.slug)).toBe(1);
    expect(await unreadOf(author!, ch.slug)).toBe(2);
    expect(await unreadOf(mentioned!, ch.slug)).toBe(0);
    expect((await cc!.emit("delete_message", { id: last.id })).success).toBe(true);
    expect(await cd!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 0)).toBeTruthy();
    expect(await unreadOf(author!, ch.slug)).toBe(1);
  });

  it("refuses bad replies and thread reads in the contract's format, changing nothing", async () => {
    const { users, ch, clients } = await channelWith(2);
    const [a] = clients;
    const other = await createChannel(users[0]!, { name: "Elsewhere", type: "public" });
    const root = (await a!.emit("send_message", { channel: ch.slug, content: "root" })).message;
    const foreign = (await say(users[0]!, other.slug, "not here")).body.message;

    expect(await a!.emit("send_message", { channel: ch.slug, content: "x", thread_id: foreign.id })).toMatchObject({
      success: false,
      code: "VALIDATION_ERROR",
    });
    expect(await a!.emit("send_message", { channel: ch.slug, content: "x", thread_id: "nope" })).toMatchObject({
      code: "VALIDATION_ERROR",
    });
    expect(await a!.emit("send_message", { receiver: users[1]!.id, content: "x", thread_id: root.id })).toMatchObject({
      code: "VALIDATION_ERROR",
    });
    const http = await api(`/api/channels/${ch.slug}/messages`, { token: users[1]!.token, body: { content: "x", thread_id: foreign.id } });
    expect(http.status).toBe(400);
    expect(http.body).toMatchObject({ success: false, code: "VALIDATION_ERROR", details: { thread_id: expect.any(Array) } });
    expect((await thread(users[0]!, root.id)).body).toMatchObject({ root: { reply_count: 0 }, messages: [] });
    expect((await thread(users[0]!, foreign.id)).body.root.reply_count).toBe(0);
    expect(await timeline(users[0]!, ch.slug)).toEqual([root.id]);

    // A deleted root takes no reply.
    const gone = (await a!.emit("send_message", { channel: ch.slug, content: "to delete" })).message;
    await a!.emit("delete_message", { id: gone.id });
    expect(await a!.emit("send_message", { channel: ch.slug, content: "x", thread_id: gone.id })).toMatchObject({ code: "CONFLICT" });

    // The thread endpoint: cursors, limits, direct messages, unknown ids, outsiders.
    expect((await thread(users[0]!, root.id, "?after=nope")).body).toMatchObject({ code: "VALIDATION_ERROR" });
    expect((await thread(users[0]!, root.id, "?limit=0")).status).toBe(400);
    expect((await thread(users[0]!, "nope")).status).toBe(404);
    const direct = (await dm(users[0]!, users[1]!.id, "psst")).body.message;
    expect((await thread(users[0]!, direct.id)).body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    const secret = await createChannel(users[0]!, { name: "Secret", type: "private" });
    const hidden = (await say(users[0]!, secret.slug, "members only")).body.message;
    const outsider = await createUser();
    expect((await thread(outsider, hidden.id)).body).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect((await api(`/api/messages/${root.id}/thread`)).status).toBe(401);
  });

  it("search finds replies, with their thread_id to open the thread", async () => {
    const { users, ch, clients } = await channelWith(2);
    const root = (await clients[0]!.emit("send_message", { channel: ch.slug, content: "lab report" })).message;
    const word = `zebra${Date.now().toString(36)}`;
    const reply = (await clients[1]!.emit("send_message", { channel: ch.slug, content: `the ${word} figure`, thread_id: root.id })).message;
    const hits = (await api(`/api/search?q=${word}`, { token: users[0]!.token })).body.messages;
    expect(hits).toEqual([
      expect.objectContaining({ id: reply.id, thread_id: root.id, context: expect.objectContaining({ channel: ch.slug }) }),
    ]);
  });
});

describe("threads and moderation", () => {
  it("a reported reply shows its thread's neighbours to the administrator, not the channel's", async () => {
    const { users, ch, clients } = await channelWith(2);
    const root = (await clients[0]!.emit("send_message", { channel: ch.slug, content: "timeline one" })).message;
    await clients[0]!.emit("send_message", { channel: ch.slug, content: "timeline two" });
    const reply = (await clients[1]!.emit("send_message", { channel: ch.slug, content: "a rude reply", thread_id: root.id })).message;
    await clients[0]!.emit("send_message", { channel: ch.slug, content: "a calm reply", thread_id: root.id });
    const reported = await api(`/api/messages/${reply.id}/report`, { token: users[0]!.token, body: { reason: "Rude" } });
    expect(reported.status).toBe(201);
    const admin = await adminToken();
    const list = (await api("/api/admin/reports?status=open&limit=100", { token: admin })).body.reports as any[];
    const mine = list.find((r) => r.message?.id === reply.id);
    expect(mine.message.context.map((m: { content: string }) => m.content)).toEqual(["a rude reply", "a calm reply"]);
  });
});

describe("pins", () => {
  it("the owner pins and unpins; the channel's sockets hear it; the pins list follows", async () => {
    const { users, ch, clients } = await channelWith(2);
    const [owner, member] = users;
    const m = (await clients[1]!.emit("send_message", { channel: ch.slug, content: "Syllabus: https://example.test" })).message;
    const pinned = await api(`/api/messages/${m.id}/pin`, { method: "POST", token: owner!.token });
    expect(pinned.status).toBe(200);
    expect(pinned.body.message).toMatchObject({ id: m.id, pinned_by: owner!.id, pinned_at: expect.any(String) });
    expect(await clients[1]!.waitFor("pin_updated", (p) => p.id === m.id)).toMatchObject({
      channel: ch.slug,
      pinned_at: pinned.body.message.pinned_at,
      pinned_by: owner!.id,
      message: { id: m.id },
    });
    // Pinning again keeps the first pin.
    const twice = await api(`/api/messages/${m.id}/pin/`, { method: "POST", token: owner!.token });
    expect(twice.body.message.pinned_at).toBe(pinned.body.message.pinned_at);
    const list = await api(`/api/channels/${ch.slug}/pins`, { token: member!.token });
    expect(list.body).toEqual({ success: true, messages: [expect.objectContaining({ id: m.id, pinned_by: owner!.id })] });

    const unpinned = await api(`/api/messages/${m.id}/pin`, { method: "DELETE", token: owner!.token });
    expect(unpinned.body.message).toMatchObject({ pinned_at: null, pinned_by: null });
    expect(await clients[1]!.waitFor("pin_updated", (p) => p.id === m.id && p.pinned_at === null)).toBeTruthy();
    expect((await api(`/api/channels/${ch.slug}/pins`, { token: member!.token })).body.messages).toEqual([]);
  });

  it("only the owner or a moderator pins; refusals change nothing", async () => {
    const { users, ch } = await channelWith(2);
    const [owner, member] = users;
    const m = (await say(owner!, ch.slug, "pin me")).body.message;
    const refused = await api(`/api/messages/${m.id}/pin`, { method: "POST", token: member!.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ success: false, code: "FORBIDDEN", error: expect.any(String) });
    expect((await api(`/api/channels/${ch.slug}/pins`, { token: owner!.token })).body.messages).toEqual([]);

    // A moderator (an administrator) may pin and unpin in any channel.
    const admin = await adminToken();
    expect((await api(`/api/messages/${m.id}/pin`, { method: "POST", token: admin })).status).toBe(200);
    expect((await api(`/api/messages/${m.id}/pin`, { method: "DELETE", token: member!.token })).status).toBe(403);
    expect((await api(`/api/channels/${ch.slug}/pins`, { token: owner!.token })).body.messages.map((x: any) => x.id)).toEqual([m.id]);
    expect((await api(`/api/messages/${m.id}/pin`, { method: "DELETE", token: admin })).status).toBe(200);

    expect((await api("/api/messages/nope/pin", { method: "POST", token: owner!.token })).body).toMatchObject({ code: "NOT_FOUND" });
    const direct = (await dm(owner!, member!.id, "private")).body.message;
    expect((await api(`/api/messages/${direct.id}/pin`, { method: "POST", token: owner!.token })).body).toMatchObject({
      code: "VALIDATION_ERROR",
    });
    const gone = (await say(owner!, ch.slug, "deleted")).body.message;
    await api(`/api/messages/${gone.id}`, { method: "DELETE", token: owner!.token });
    expect((await api(`/api/messages/${gone.id}/pin`, { method: "POST", token: owner!.token })).status).toBe(409);
    expect((await api(`/api/messages/${m.id}/pin`, { method: "POST" })).status).toBe(401);
    const secret = await createChannel(owner!, { name: "Staff", type: "private" });
    expect((await api(`/api/channels/${secret.slug}/pins`, { token: member!.token })).body).toMatchObject({ code: "FORBIDDEN" });
    expect((await api(`/api/channels/${ch.slug}/pins`, { token: owner!.token })).body.messages).toEqual([]);
  });
});
