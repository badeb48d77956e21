import { afterEach, describe, expect, it } from "vitest";
import { io as ioClient } from "socket.io-client";
import { api, baseUrl, createUser, type TestUser } from "../helpers/client";
import { chatClient, closeAllChatClients, createChannel, dm, say, until, type ChatClient } from "../helpers/chat";

afterEach(() => closeAllChatClients());

/** A channel of `n` users (the first owns it), each with a /chat socket that opened it. */
async function channelWith(n: number, type = "public") {
  const users = await Promise.all(Array.from({ length: n }, () => createUser()));
  const ch = await createChannel(users[0]!, { name: `Chat ${type}`, type, member_ids: users.slice(1).map((u) => u.id) });
  const clients: ChatClient[] = [];
  for (const u of users) {
    const c = await chatClient(u);
    const ack = await c.emit("join_channel", { channel: ch.slug });
    expect(ack.success).toBe(true);
    clients.push(c);
  }
  return { users, ch, clients };
}

const unreadOf = async (user: TestUser, slug: string) =>
  ((await api("/api/channels", { token: user.token })).body.channels as any[]).find((c) => c.slug === slug)?.unread_count;

describe("/chat: channels", () => {
  it("join_channel answers the channel, its members and the latest messages, and subscribes to live events", async () => {
    const owner = await createUser();
    const newcomer = await createUser();
    const ch = await createChannel(owner, { name: "Lobby", type: "public" });
    await say(owner, ch.slug, "before you came");
    const c = await chatClient(newcomer);
    const ack = await c.emit("join_channel", { channel: ch.slug });
    expect(ack).toMatchObject({
      success: true,
      channel: { slug: ch.slug, name: "Lobby", type: "public", is_member: true, member_count: 2 },
      messages: [{ content: "before you came", author: { id: owner.id } }],
      next_cursor: null,
    });
    expect(ack.members.map((m: any) => m.id)).toEqual([owner.id, newcomer.id]);
    expect(ack.members[1].online).toBe(true);
    const sent = (await say(owner, ch.slug, "welcome!")).body.message;
    expect(await c.waitFor("message_created", (m) => m.id === sent.id)).toEqual(sent);

    expect(await c.emit("join_channel", { channel: "no-such-channel-here" })).toMatchObject({ success: false, code: "NOT_FOUND" });
    expect(await c.emit("join_channel", { channel: "Bad Slug" })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await c.emit("join_channel", {})).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
  });

  it("leave_channel stops the live events on that socket only", async () => {
    const { users, ch, clients } = await channelWith(2);
    const otherTab = await chatClient(users[1]!);
    await otherTab.emit("join_channel", { channel: ch.slug });
    expect(await clients[1]!.emit("leave_channel", { channel: ch.slug })).toEqual({ success: true });
    const ack = await clients[0]!.emit("send_message", { channel: ch.slug, content: "still there?" });
    await otherTab.waitFor("message_created", (m) => m.id === ack.message.id);
    await clients[1]!.sync();
    expect(clients[1]!.seen("message_created", (m) => m.id === ack.message.id)).toEqual([]);
    // Still a member: the unread count still reaches every socket of the user.
    expect(await clients[1]!.waitFor("unread_update", (u) => u.channel === ch.slug)).toMatchObject({ unread_count: 1 });
  });

  it("send_message persists, then broadcasts message_created and unread_update; the read marker resets the count", async () => {
    const { users, ch, clients } = await channelWith(3);
    const [a, b] = clients;
    const bSecondTab = await chatClient(users[1]!);
    const first = await a!.emit("send_message", { channel: ch.slug, content: "one", client_id: "rt-1" });
    expect(first).toMatchObject({
      success: true,
      message: { channel: ch.slug, from: users[0]!.id, content: "one", status: "sent", client_id: "rt-1" },
    });
    const created = await b!.waitFor("message_created", (m) => m.id === first.message.id);
    expect(created).toEqual(first.message);
    // Persisted before it was announced.
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: users[2]!.token })).body.messages.map((m: any) => m.id)).toContain(
      first.message.id,
    );

    expect(await bSecondTab.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 1)).toMatchObject({
      last_message: { id: first.message.id },
    });
    const second = await a!.emit("send_message", { channel: ch.slug, content: "two" });
    await b!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 2);
    await clients[2]!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 2);
    expect(await unreadOf(users[1]!, ch.slug)).toBe(2);
    expect(await unreadOf(users[0]!, ch.slug)).toBe(0);
    await a!.sync();
    expect(a!.seen("unread_update")).toEqual([]);

    // The marker at the first message: one left; at the second: none, on both of b's tabs.
    expect(await b!.emit("mark_read", { channel: ch.slug, message_id: first.message.id })).toMatchObject({
      success: true,
      unread_count: 1,
    });
    expect(await b!.emit("mark_read", { channel: ch.slug, message_id: second.message.id })).toMatchObject({
      success: true,
      unread_count: 0,
    });
    await bSecondTab.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 0);
    // It never moves back.
    expect(await b!.emit("mark_read", { channel: ch.slug, message_id: first.message.id })).toMatchObject({
      success: true,
      unread_count: 0,
    });
    expect(await unreadOf(users[1]!, ch.slug)).toBe(0);
    expect(await unreadOf(users[2]!, ch.slug)).toBe(2);

    // A message deleted before it was read no longer counts.
    const third = await a!.emit("send_message", { channel: ch.slug, content: "three" });
    await clients[2]!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 3);
    await a!.emit("delete_message", { id: third.message.id });
    await clients[2]!.waitFor("unread_update", (u) => u.channel === ch.slug && u.unread_count === 2);
    expect(await unreadOf(users[1]!, ch.slug)).toBe(0);

    // Bad markers change nothing.
    const other = await createChannel(users[0]!, { name: "Other", type: "public" });
    const foreign = (await say(users[0]!, other.slug, "elsewhere")).body.message;
    expect(await b!.emit("mark_read", { channel: ch.slug, message_id: foreign.id })).toMatchObject({ success: false, code: "NOT_FOUND" });
    expect(await b!.emit("mark_read", { channel: ch.slug })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await b!.emit("mark_read", { channel: other.slug, message_id: foreign.id })).toMatchObject({
      success: false,
      code: "FORBIDDEN",
    });
  });

  it("refuses bad payloads, over-long content and unknown message types without storing anything", async () => {
    const { users, ch, clients } = await channelWith(1);
    const s = clients[0]!;
    for (const payload of [
      undefined,
      {},
      { channel: ch.slug },
      { channel: ch.slug, content: "" },
      { channel: ch.slug, content: "x".repeat(4001) },
      { channel: ch.slug, content: "hi", message_type: "sticker" },
      { channel: ch.slug, receiver: users[0]!.id, content: "both" },
      { channel: ch.slug, message_type: "video" },
    ]) {
      expect(await s.emit("send_message", payload)).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    }
    expect(await s.emit("send_message", { channel: ch.slug, message_type: "video", upload_id: "u1", content: "clip" })).toMatchObject({
      success: false,
      code: "VALIDATION_ERROR",
    });
    expect(await s.emit("send_message", { channel: ch.slug, content: "x".repeat(4000) })).toMatchObject({ success: true });
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: users[0]!.token })).body.messages).toHaveLength(1);
  });

  it("acks both sends of one client_id with the same stored message", async () => {
    const { users, ch, clients } = await channelWith(2);
    const [one, two] = await Promise.all([
      clients[0]!.emit("send_message", { channel: ch.slug, content: "retry me", client_id: "same" }),
      clients[0]!.emit("send_message", { channel: ch.slug, content: "retry me", client_id: "same" }),
    ]);
    expect(one.success && two.success).toBe(true);
    expect(one.message).toEqual(two.message);
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: users[1]!.token })).body.messages).toHaveLength(1);
    await clients[0]!.emit("send_message", { channel: ch.slug, content: "after" });
    await clients[1]!.waitFor("message_created", (m) => m.content === "after");
    expect(clients[1]!.seen("message_created", (m) => m.id === one.message.id)).toHaveLength(1);
  });

  it("limits a user to 5 messages a second (shared with room chat) without affecting others", async () => {
    const { ch, clients } = await channelWith(2);
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => clients[0]!.emit("send_message", { channel: ch.slug, content: `burst ${i}` })),
    );
    const limited = burst.filter((r) => !r.success);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited[0]).toMatchObject({ code: "RATE_LIMITED" });
    expect(await clients[1]!.emit("send_message", { channel: ch.slug, content: "not me" })).toMatchObject({ success: true });
  });

  it("edit, delete and reactions reach the channel live; only the author edits, author or owner deletes", async () => {
    const { users, ch, clients } = await channelWith(3);
    const [owner, author, watcher] = clients;
    const msg = (await author!.emit("send_message", { channel: ch.slug, content: "draft" })).message;
    expect(await watcher!.emit("edit_message", { id: msg.id, content: "mine now" })).toMatchObject({ success: false, code: "FORBIDDEN" });
    const edited = await author!.emit("edit_message", { id: msg.id, content: "final" });
    expect(edited.message).toMatchObject({ content: "final", edited_at: expect.any(String) });
    expect(await watcher!.waitFor("message_updated", (e) => e.id === msg.id)).toEqual({
      id: msg.id,
      channel: ch.slug,
      content: "final",
      edited_at: edited.message.edited_at,
    });

    const r1 = await watcher!.emit("react", { id: msg.id, emoji: "👍" });
    expect(r1).toMatchObject({ success: true, id: msg.id, reactions: [{ emoji: "👍", count: 1, user_ids: [users[2]!.id] }] });
    await owner!.emit("react", { id: msg.id, emoji: "👍" });
    await owner!.emit("react", { id: msg.id, emoji: "🎉" });
    const both = await author!.waitFor("reaction_updated", (e) => e.id === msg.id && e.reactions.length === 2);
    expect(both).toEqual({
      id: msg.id,
      channel: ch.slug,
      reactions: [
        { emoji: "👍", count: 2, user_ids: [users[2]!.id, users[0]!.id] },
        { emoji: "🎉", count: 1, user_ids: [users[0]!.id] },
      ],
    });
    // Toggling again takes it back.
    const off = await watcher!.emit("react", { id: msg.id, emoji: "👍" });
    expect(off.reactions).toEqual([
      { emoji: "👍", count: 1, user_ids: [users[0]!.id] },
      { emoji: "🎉", count: 1, user_ids: [users[0]!.id] },
    ]);
    expect(await watcher!.emit("react", { id: msg.id, emoji: "nope" })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    const listed = (await api(`/api/channels/${ch.slug}/messages`, { token: users[1]!.token })).body.messages[0];
    expect(listed.reactions).toEqual(off.reactions);

    expect(await watcher!.emit("delete_message", { id: msg.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
    const del = await owner!.emit("delete_message", { id: msg.id });
    expect(del.message).toMatchObject({ deleted: true, content: null, reactions: [] });
    expect(await watcher!.waitFor("message_deleted", (e) => e.id === msg.id)).toEqual({
      id: msg.id,
      channel: ch.slug,
      deleted_at: expect.any(String),
    });
    expect(await watcher!.emit("react", { id: msg.id, emoji: "👍" })).toMatchObject({ success: false, code: "CONFLICT" });
    expect(await author!.emit("edit_message", { id: msg.id, content: "undo" })).toMatchObject({ success: false, code: "CONFLICT" });
  });

  it("typing goes to the others in the channel and stops by itself after about 5 seconds", async () => {
    const { users, ch, clients } = await channelWith(3);
    const [a, b, c] = clients;
    const aOtherTab = await chatClient(users[0]!);
    await aOtherTab.emit("join_channel", { channel: ch.slug });
    expect(await a!.emit("typing", { channel: ch.slug, is_typing: true })).toEqual({ success: true });
    expect(await b!.waitFor("typing", (t) => t.is_typing)).toEqual({ user_id: users[0]!.id, channel: ch.slug, is_typing: true });
    await c!.waitFor("typing", (t) => t.is_typing);
    // Nobody sent is_typing: false; the server does, after the timeout.
    expect(await b!.waitFor("typing", (t) => !t.is_typing, 15_000)).toEqual({ user_id: users[0]!.id, channel: ch.slug, is_typing: false });
    await aOtherTab.sync();
    expect(aOtherTab.seen("typing")).toEqual([]);

    // Explicit stop, and sending the message stops it too.
    await b!.emit("typing", { channel: ch.slug, is_typing: true });
    await a!.waitFor("typing", (t) => t.user_id === users[1]!.id && t.is_typing);
    await b!.emit("typing", { channel: ch.slug, is_typing: false });
    await a!.waitFor("typing", (t) => t.user_id === users[1]!.id && !t.is_typing);
    await c!.emit("typing", { channel: ch.slug, is_typing: true });
    await a!.waitFor("typing", (t) => t.user_id === users[2]!.id && t.is_typing);
    await c!.emit("send_message", { channel: ch.slug, content: "done typing" });
    await a!.waitFor("typing", (t) => t.user_id === users[2]!.id && !t.is_typing);
    expect(await a!.emit("typing", { channel: ch.slug })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
  });

  it("mentions notify the channel members named with @username", async () => {
    const { users, ch, clients } = await channelWith(3);
    const outsider = await createUser();
    const outsiderSocket = await chatClient(outsider);
    const ack = await clients[0]!.emit("send_message", {
      channel: ch.slug,
      content: `Hey @${users[1]!.username}, ask @${outsider.username} and @${users[0]!.username}.`,
    });
    const note = await clients[1]!.waitFor("notification", (n) => n.kind === "mention");
    expect(note).toMatchObject({
      kind: "mention",
      channel: { slug: ch.slug, name: ch.name, type: "public" },
      message: { id: ack.message.id },
      from: { id: users[0]!.id },
    });
    await Promise.all([clients[0]!.sync(), clients[2]!.sync(), outsiderSocket.sync()]);
    expect(clients[0]!.seen("notification")).toEqual([]);
    expect(clients[2]!.seen("notification")).toEqual([]);
    expect(outsiderSocket.seen("notification")).toEqual([]);
  });
});

describe("/chat: direct messages", () => {
  it("delivers to both users' sockets with a notification and an unread count; receipts go back to the sender", async () => {
    const a = await createUser();
    const b = await createUser();
    const aTab = await chatClient(a);
    const aOtherTab = await chatClient(a);
    const bTab = await chatClient(b);
    const sent = await aTab.emit("send_message", { receiver: b.id, content: "ping", client_id: "d-1" });
    expect(sent.message).toMatchObject({ from: a.id, to: b.id, content: "ping", status: "sent", client_id: "d-1" });
    expect(await bTab.waitFor("message_created", (m) => m.id === sent.message.id)).toEqual(sent.message);
    expect(await aOtherTab.waitFor("message_created", (m) => m.id === sent.message.id)).toEqual(sent.message);
    expect(await bTab.waitFor("notification", (n) => n.kind === "direct_message")).toMatchObject({
      message: { id: sent.message.id },
      from: { id: a.id },
    });
    expect(await bTab.waitFor("unread_update", (u) => u.with === a.id)).toMatchObject({
      conversation: sent.message.conversation,
      unread_count: 1,
    });

    // b's device got it, then b read it: a sees both.
    expect(await aTab.emit("mark_delivered", { id: sent.message.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await bTab.emit("mark_delivered", { id: sent.message.id })).toMatchObject({ success: true, status: "delivered" });
    expect(await aTab.waitFor("message_delivered")).toEqual({ id: sent.message.id });
    const statusOf = async (viewer: TestUser, other: TestUser, id: string) =>
      (await api(`/api/messages?with=${other.id}`, { token: viewer.token })).body.messages.find((m: any) => m.id === id).status;
    expect(await statusOf(a, b, sent.message.id)).toBe("delivered");
    expect(await bTab.emit("mark_read", { id: sent.message.id })).toMatchObject({ success: true, read_ids: [sent.message.id] });
    expect(await aTab.waitFor("message_read")).toEqual({ id: sent.message.id });
    expect(await statusOf(a, b, sent.message.id)).toBe("read");
    await bTab.waitFor("unread_update", (u) => u.with === a.id && u.unread_count === 0);

    // And the other way round.
    const reply = await bTab.emit("send_message", { receiver: a.id, content: "pong" });
    await aTab.waitFor("message_created", (m) => m.id === reply.message.id);
    await aTab.emit("mark_delivered", { id: reply.message.id });
    expect(await bTab.waitFor("message_delivered")).toEqual({ id: reply.message.id });
    await aTab.emit("mark_read", { id: reply.message.id });
    expect(await bTab.waitFor("message_read")).toEqual({ id: reply.message.id });
    expect(await statusOf(b, a, reply.message.id)).toBe("read");
  });

  it("mark_read covers the earlier messages of the conversation", async () => {
    const a = await createUser();
    const b = await createUser();
    const aTab = await chatClient(a);
    const bTab = await chatClient(b);
    const ids: string[] = [];
    for (const text of ["one", "two", "three"]) ids.push((await dm(a, b.id, text)).body.message.id);
    expect((await api("/api/conversations", { token: b.token })).body.conversations[0].unread_count).toBe(3);
    const ack = await bTab.emit("mark_read", { id: ids[1] });
    expect(ack.read_ids).toEqual([ids[0], ids[1]]);
    await aTab.waitFor("message_read", (e) => e.id === ids[1]);
    expect(aTab.seen("message_read").map((e) => e.id)).toEqual([ids[0], ids[1]]);
    expect((await api("/api/conversations", { token: b.token })).body.conversations[0].unread_count).toBe(1);
    // Marking again changes nothing and tells nobody.
    expect((await bTab.emit("mark_read", { id: ids[0] })).read_ids).toEqual([]);
    const ch = await createChannel(a, { name: "Receipts", type: "public" });
    const inChannel = (await say(a, ch.slug, "channel message")).body.message;
    expect(await bTab.emit("mark_delivered", { id: inChannel.id })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await bTab.emit("mark_read", { id: "missing" })).toMatchObject({ success: false, code: "NOT_FOUND" });
  });

  it("typing, edits, deletes and reactions in a conversation reach the other user", async () => {
    const a = await createUser();
    const b = await createUser();
    const stranger = await createUser();
    const aTab = await chatClient(a);
    const bTab = await chatClient(b);
    await aTab.emit("typing", { receiver: b.id, is_typing: true });
    expect(await bTab.waitFor("typing", (t) => t.is_typing)).toEqual({ user_id: a.id, is_typing: true });
    const msg = (await aTab.emit("send_message", { receiver: b.id, content: "hello" })).message;
    expect(await bTab.waitFor("typing", (t) => !t.is_typing)).toEqual({ user_id: a.id, is_typing: false });
    await aTab.emit("edit_message", { id: msg.id, content: "hello!" });
    expect(await bTab.waitFor("message_updated")).toMatchObject({ id: msg.id, content: "hello!" });
    await bTab.emit("react", { id: msg.id, emoji: "❤️" });
    expect(await aTab.waitFor("reaction_updated")).toEqual({ id: msg.id, reactions: [{ emoji: "❤️", count: 1, user_ids: [b.id] }] });
    const strangerTab = await chatClient(stranger);
    expect(await strangerTab.emit("react", { id: msg.id, emoji: "❤️" })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await strangerTab.emit("delete_message", { id: msg.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await bTab.emit("delete_message", { id: msg.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
    await aTab.emit("delete_message", { id: msg.id });
    expect(await bTab.waitFor("message_deleted")).toEqual({ id: msg.id, deleted_at: expect.any(String) });
    expect(await aTab.emit("typing", { receiver: a.id, is_typing: true })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await aTab.emit("send_message", { receiver: "nobody-at-all", content: "hi" })).toMatchObject({
      success: false,
      code: "NOT_FOUND",
    });
  });
});

describe("/chat: presence", () => {
  it("snapshot on connect; one presence across tabs; offline (with last_seen) when the last tab closes", async () => {
    const a = await createUser();
    const b = await createUser();
    const stranger = await createUser();
    await createChannel(a, { name: "Presence", type: "group", member_ids: [b.id] });
    const strangerTab = await chatClient(stranger);
    const aTab = await chatClient(a);
    expect(await aTab.waitFor("presence_snapshot")).toEqual({ online_user_ids: [], statuses: {}, my_status: "auto" });

    const b1 = await chatClient(b);
    expect(await b1.waitFor("presence_snapshot")).toEqual({ online_user_ids: [a.id], statuses: { [a.id]: "online" }, my_status: "auto" });
    expect(await aTab.waitFor("presence_update", (p) => p.user_id === b.id)).toMatchObject({
      user_id: b.id,
      online: true,
      status: "online",
      last_seen: expect.any(String),
    });

    const b2 = await chatClient(b);
    expect(await b2.waitFor("presence_snapshot")).toMatchObject({ online_user_ids: [a.id] });
    b1.close();
    // A round trip through b's remaining tab: b1's disconnect was handled before a message it sends.
    const barrier = await b2.emit("send_message", { receiver: a.id, content: "still here" });
    await aTab.waitFor("message_created", (m) => m.id === barrier.message.id);
    expect(aTab.seen("presence_update", (p) => p.user_id === b.id)).toHaveLength(1);
    const members = (await api(`/api/users/${b.id}`, { token: a.token })).body.user;
    expect(members.online).toBe(true);

    b2.close();
    const offline = await aTab.waitFor("presence_update", (p) => p.user_id === b.id && !p.online);
    expect(offline).toMatchObject({ status: "offline", last_seen: expect.any(String) });
    expect(aTab.seen("presence_update", (p) => p.user_id === b.id)).toHaveLength(2);
    const profile = (await api(`/api/users/${b.id}`, { token: a.token })).body.user;
    expect(profile).toMatchObject({ online: false, status: "offline", last_seen: offline.last_seen });
    const conv = (await api("/api/conversations", { token: a.token })).body.conversations[0];
    expect(conv.user).toMatchObject({ id: b.id, online: false, last_seen: offline.last_seen });

    // Someone who shares nothing with b heard nothing.
    await strangerTab.sync();
    expect(strangerTab.seen("presence_update")).toEqual([]);
    expect(strangerTab.seen("presence_snapshot")).toEqual([{ online_user_ids: [], statuses: {}, my_status: "auto" }]);
  });

  it("a conversation makes two users contacts", async () => {
    const a = await createUser();
    const b = await createUser();
    await dm(a, b.id, "hi");
    const aTab = await chatClient(a);
    const bTab = await chatClient(b);
    expect(await bTab.waitFor("presence_snapshot")).toMatchObject({ online_user_ids: [a.id] });
    await aTab.waitFor("presence_update", (p) => p.user_id === b.id && p.online);
  });

  it("status: dnd and away chosen and stored, away when every tab is idle, seen by contacts and in the profile", async () => {
    const a = await createUser();
    const b = await createUser();
    await dm(a, b.id, "hi");
    const aTab = await chatClient(a);
    const b1 = await chatClient(b);
    const b2 = await chatClient(b);
    const heard = () => aTab.seen("presence_update", (p) => p.user_id === b.id).map((p) => p.status);
    const reach = (n: number) => until(() => heard().length >= n);
    await reach(1);
    const statusOf = async () => (await api(`/api/users/${b.id}`, { token: a.token })).body.user.status;

    // Refusals change nothing.
    for (const bad of [{ status: "busy" }, {}, { status: "dnd", extra: 1 }, "dnd"])
      expect(await b1.emit("set_status", bad)).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await b1.emit("set_idle", { idle: "yes" })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await statusOf()).toBe("online");

    expect(await b1.emit("set_status", { status: "dnd" })).toEqual({ success: true, status: "dnd", presence: "dnd" });
    await reach(2);
    // The user's other tab hears it too (its menu follows).
    await b2.waitFor("presence_update", (p) => p.user_id === b.id && p.status === "dnd");
    expect(await statusOf()).toBe("dnd");

    // Back to auto: away only once every tab is idle, online again when any tab is active.
    expect(await b1.emit("set_status", { status: "auto" })).toMatchObject({ success: true, presence: "online" });
    await reach(3);
    expect(await b1.emit("set_idle", { idle: true })).toEqual({ success: true });
    expect(await statusOf()).toBe("online");
    expect(await b2.emit("set_idle", { idle: true })).toEqual({ success: true });
    await reach(4);
    expect(await statusOf()).toBe("away");
    expect(await b1.emit("set_idle", { idle: false })).toEqual({ success: true });
    await reach(5);

    // Chosen "away" is stored: a new tab learns it, and contacts see it in their snapshot.
    expect(await b1.emit("set_status", { status: "away" })).toMatchObject({ success: true, presence: "away" });
    await reach(6);
    b1.close();
    b2.close();
    await reach(7);
    expect(heard()).toEqual(["online", "dnd", "online", "away", "online", "away", "offline"]);
    const b3 = await chatClient(b);
    expect(await b3.waitFor("presence_snapshot")).toMatchObject({ my_status: "away" });
    const a2 = await chatClient(a);
    expect(await a2.waitFor("presence_snapshot")).toMatchObject({ statuses: { [b.id]: "away" } });
  });
});

describe("/chat: reconnecting", () => {
  it("a client back after a disconnection catches up from the history endpoint", async () => {
    const { users, ch, clients } = await channelWith(2);
    const [a, b] = clients;
    const seenBefore = (await b!.emit("send_message", { channel: ch.slug, content: "last thing I saw" })).message;
    b!.close();
    await a!.waitFor("presence_update", (p) => p.user_id === users[1]!.id && !p.online);
    const missed: string[] = [];
    for (const text of ["missed 1", "missed 2", "missed 3"])
      missed.push((await a!.emit("send_message", { channel: ch.slug, content: text })).message.id);

    const back = await chatClient(users[1]!);
    const rejoin = await back.emit("join_channel", { channel: ch.slug });
    expect(rejoin.channel.unread_count).toBe(3);
    const caughtUp = await api(`/api/channels/${ch.slug}/messages?after=${seenBefore.id}`, { token: users[1]!.token });
    expect(caughtUp.body.messages.map((m: any) => m.id)).toEqual(missed);
    expect(caughtUp.body.next_cursor).toBeNull();
  });

  it("a brief drop is recovered by Socket.IO: missed events arrive, subscriptions kept", async () => {
    const a = await createUser();
    const b = await createUser();
    const ch = await createChannel(a, { name: "Recovery", type: "public", member_ids: [b.id] });
    const aTab = await chatClient(a);
    await aTab.emit("join_channel", { channel: ch.slug });
    const socket = ioClient(`${baseUrl()}/chat`, {
      path: "/socket.io",
      auth: { token: b.token },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
    });
    const received: any[] = [];
    socket.on("message_created", (m) => received.push(m));
    const has = (id: string) => () => received.some((m) => m.id === id);
    const updatesOfB = () => aTab.seen("presence_update", (p) => p.user_id === b.id);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      expect((await socket.timeout(10_000).emitWithAck("join_channel", { channel: ch.slug })).success).toBe(true);
      // A broadcast carries an offset, which arms recovery on the client.
      const warm = await aTab.emit("send_message", { channel: ch.slug, content: "warm-up" });
      await until(has(warm.message.id));
      // The transport drops (not a deliberate disconnect): the server keeps the session.
      (socket.io as unknown as { engine: { close(): void } }).engine.close();
      await aTab.waitFor("presence_update", (p) => p.user_id === b.id && !p.online);
      const missed = await aTab.emit("send_message", { channel: ch.slug, content: "while you were away" });
      socket.connect();
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      expect(socket.recovered).toBe(true);
      await until(has(missed.message.id));
      // Still subscribed to the channel without joining again, and online again.
      const live = await aTab.emit("send_message", { channel: ch.slug, content: "and now" });
      await until(has(live.message.id));
      await until(() => updatesOfB().length === 3);
      expect(updatesOfB().map((p) => p.online)).toEqual([true, false, true]);
    } finally {
      socket.close();
    }
  });
});
