import { afterEach, describe, expect, it } from "vitest";
import { api, baseUrl, createUser, unique } from "../helpers/client";
import { chatClient, closeAllChatClients, createChannel, dm, say } from "../helpers/chat";

afterEach(() => closeAllChatClients());

const history = async (token: string, slug: string, query = "") => api(`/api/channels/${slug}/messages${query}`, { token });
const channelList = async (token: string) => (await api("/api/channels", { token })).body.channels as any[];

describe("channels over HTTP", () => {
  it("creates channels with slugs from the name (numeric suffix on collision) and lists mine + public", async () => {
    const a = await createUser();
    const b = await createUser();
    const name = `Maths ${unique("")} Équipe`;
    const first = await api("/api/channels", { token: a.token, body: { name, type: "public", description: "Algebra help" } });
    expect(first.status).toBe(201);
    expect(first.body.channel).toMatchObject({
      name,
      type: "public",
      description: "Algebra help",
      owner_id: a.id,
      member_count: 1,
      unread_count: 0,
      last_message: null,
      is_member: true,
    });
    const slug = first.body.channel.slug as string;
    expect(slug).toMatch(/^maths-[a-f0-9]+-equipe$/);
    const second = await createChannel(b, { name, type: "public" });
    expect(second.slug).toBe(`${slug}-2`);
    const third = await createChannel(b, { name, type: "private" });
    expect(third.slug).toBe(`${slug}-3`);

    await say(a, slug, "first message");
    const listA = await channelList(a.token);
    const mine = listA.find((c) => c.slug === slug);
    expect(mine).toMatchObject({ member_count: 1, unread_count: 0, is_member: true, last_message: { content: "first message" } });
    // b's public channel is listed for a (not a member); b's private one is not.
    expect(listA.find((c) => c.slug === second.slug)).toMatchObject({ is_member: false, unread_count: 0 });
    expect(listA.find((c) => c.slug === third.slug)).toBeUndefined();
    expect((await channelList(b.token)).find((c) => c.slug === third.slug)).toMatchObject({ is_member: true, type: "private" });
  });

  it("refuses bad input without creating anything", async () => {
    const a = await createUser();
    // Other tests create public channels concurrently: count only the channels a belongs to.
    const mine = async () => (await channelList(a.token)).filter((c) => c.is_member).length;
    const before = await mine();
    for (const body of [
      {},
      { name: "", type: "public" },
      { name: "x", type: "secret" },
      { name: "x".repeat(81), type: "public" },
      { name: "ok", type: "group", member_ids: ["nobody-here"] },
    ]) {
      const res = await api("/api/channels", { token: a.token, body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    }
    expect(await mine()).toBe(before);
    expect((await api("/api/channels/Not A Slug!", { token: a.token })).status).toBe(400);
    expect((await api(`/api/channels/${unique("missing-")}`, { token: a.token })).status).toBe(404);
    expect((await api("/api/channels")).status).toBe(401);
  });

  it("shows a channel with its members and who is online", async () => {
    const a = await createUser();
    const b = await createUser();
    const ch = await createChannel(a, { name: "Physics", type: "group", member_ids: [b.id] });
    await chatClient(a);
    const detail = await api(`/api/channels/${ch.slug}`, { token: b.token });
    expect(detail.status).toBe(200);
    expect(detail.body.channel).toMatchObject({ slug: ch.slug, member_count: 2, is_member: true });
    const members = detail.body.members as any[];
    expect(members.map((m) => m.id)).toEqual([a.id, b.id]);
    expect(members[0]).toMatchObject({ username: a.username, online: true, is_owner: true });
    expect(members[1]).toMatchObject({ username: b.username, online: false, is_owner: false, last_seen: null });
    // "Last seen" for the members panel: set when the connection opened.
    expect(Date.parse(members[0].last_seen)).toBeGreaterThan(0);
  });

  it("public channels: anyone reads and joins; posting joins too; leaving ends membership", async () => {
    const owner = await createUser();
    const visitor = await createUser();
    const ch = await createChannel(owner, { name: "Open forum", type: "public" });
    await say(owner, ch.slug, "welcome");
    expect((await api(`/api/channels/${ch.slug}`, { token: visitor.token })).status).toBe(200);
    expect((await history(visitor.token, ch.slug)).body.messages.map((m: any) => m.content)).toEqual(["welcome"]);
    const joined = await api(`/api/channels/${ch.slug}/join`, { method: "POST", token: visitor.token });
    expect(joined.status).toBe(200);
    expect(joined.body.channel).toMatchObject({ is_member: true, member_count: 2 });
    expect((await api(`/api/channels/${ch.slug}/leave`, { method: "POST", token: visitor.token })).status).toBe(200);
    expect((await channelList(visitor.token)).find((c) => c.slug === ch.slug)).toMatchObject({ is_member: false, member_count: 1 });
    expect((await api(`/api/channels/${ch.slug}/leave`, { method: "POST", token: visitor.token })).status).toBe(403);
    // Posting in a public channel makes the poster a member.
    expect((await say(visitor, ch.slug, "hello all")).status).toBe(201);
    expect((await channelList(visitor.token)).find((c) => c.slug === ch.slug)).toMatchObject({ is_member: true });
  });

  it.each(["private", "group"])("%s channels: only members read or write; only the owner adds members", async (type) => {
    const owner = await createUser();
    const member = await createUser();
    const outsider = await createUser();
    const ch = await createChannel(owner, { name: `Team ${type}`, type, member_ids: [member.id] });
    await say(owner, ch.slug, "secret plans");
    for (const res of [
      await api(`/api/channels/${ch.slug}`, { token: outsider.token }),
      await history(outsider.token, ch.slug),
      await api(`/api/channels/${ch.slug}/messages`, { token: outsider.token, body: { content: "let me in" } }),
      await api(`/api/channels/${ch.slug}/join`, { method: "POST", token: outsider.token }),
      await api(`/api/channels/${ch.slug}/members`, { token: outsider.token, body: { user_ids: [outsider.id] } }),
      await api(`/api/channels/${ch.slug}/members`, { token: member.token, body: { user_ids: [outsider.id] } }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
    const s = await chatClient(outsider);
    expect(await s.emit("join_channel", { channel: ch.slug })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await s.emit("send_message", { channel: ch.slug, content: "hi" })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await s.emit("typing", { channel: ch.slug, is_typing: true })).toMatchObject({ success: false, code: "FORBIDDEN" });
    // Nothing of the outsider's got in.
    expect((await history(owner.token, ch.slug)).body.messages.map((m: any) => m.content)).toEqual(["secret plans"]);
    // The search does not reveal it either.
    expect((await api(`/api/search?q=secret`, { token: outsider.token })).body.messages.filter((m: any) => m.channel === ch.slug)).toEqual(
      [],
    );

    const added = await api(`/api/channels/${ch.slug}/members`, { token: owner.token, body: { user_ids: [outsider.id, member.id] } });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: any) => m.id)).toEqual([owner.id, member.id, outsider.id]);
    expect((await history(outsider.token, ch.slug)).body.messages).toHaveLength(1);
    expect(await s.emit("join_channel", { channel: ch.slug })).toMatchObject({ success: true, channel: { slug: ch.slug } });
  });

  it("course channels: instructors create them, for students only; the instructor stays", async () => {
    const teacher = await createUser({ role: "instructor" });
    const colleague = await createUser({ role: "instructor" });
    const student = await createUser();
    const late = await createUser();
    const outsider = await createUser();
    const refused = await api("/api/channels", { token: student.token, body: { name: "Fake course", type: "course" } });
    expect(refused.status).toBe(403);
    const withTeacher = await api("/api/channels", {
      token: teacher.token,
      body: { name: "CS101", type: "course", member_ids: [student.id, colleague.id] },
    });
    expect(withTeacher.status).toBe(400);
    expect(withTeacher.body.details!.member_ids.join(" ")).toContain(colleague.username);
    expect((await channelList(teacher.token)).filter((c) => c.name === "CS101")).toHaveLength(0);

    const ch = await createChannel(teacher, { name: "CS101", type: "course", member_ids: [student.id] });
    expect(ch.owner_id).toBe(teacher.id);
    expect((await api(`/api/channels/${ch.slug}/members`, { token: teacher.token, body: { user_ids: [colleague.id] } })).status).toBe(400);
    expect((await api(`/api/channels/${ch.slug}/members`, { token: student.token, body: { user_ids: [late.id] } })).status).toBe(403);
    expect((await api(`/api/channels/${ch.slug}/members`, { token: teacher.token, body: { user_ids: [late.id] } })).status).toBe(200);
    expect((await history(outsider.token, ch.slug)).status).toBe(403);
    expect((await api(`/api/channels/${ch.slug}/join`, { method: "POST", token: outsider.token })).status).toBe(403);
    expect((await say(late, ch.slug, "Hello professor")).status).toBe(201);
    const leave = await api(`/api/channels/${ch.slug}/leave`, { method: "POST", token: teacher.token });
    expect(leave.status).toBe(409);
    expect((await api(`/api/channels/${ch.slug}/leave`, { method: "POST", token: student.token })).status).toBe(200);
    expect((await history(student.token, ch.slug)).status).toBe(403);
  });

  it("an owner who leaves hands the channel to the longest-present member", async () => {
    const owner = await createUser();
    const first = await createUser();
    const second = await createUser();
    const ch = await createChannel(owner, { name: "Study group", type: "group", member_ids: [first.id] });
    await api(`/api/channels/${ch.slug}/members`, { token: owner.token, body: { user_ids: [second.id] } });
    expect((await api(`/api/channels/${ch.slug}/leave`, { method: "POST", token: owner.token })).status).toBe(200);
    const detail = await api(`/api/channels/${ch.slug}`, { token: first.token });
    expect(detail.body.channel.owner_id).toBe(first.id);
    expect(detail.body.members.find((m: any) => m.id === first.id).is_owner).toBe(true);
    expect((await api(`/api/channels/${ch.slug}`, { token: owner.token })).status).toBe(403);
  });
});

describe("channel messages over HTTP", () => {
  it("posts (201, broadcast live) and pages history oldest first with opaque cursors", async () => {
    const a = await createUser();
    const b = await createUser();
    const ch = await createChannel(a, { name: "History", type: "public" });
    const live = await chatClient(b);
    await live.emit("join_channel", { channel: ch.slug });
    const res = await say(a, ch.slug, "Hello **world**", { client_id: "h-1" });
    expect(res.status).toBe(201);
    expect(res.body.message).toEqual({
      id: expect.any(String),
      channel: ch.slug,
      from: a.id,
      seq: 1,
      author: { id: a.id, username: a.username, name: a.username, avatar_url: null, role: "student" },
      content: "Hello **world**",
      message_type: "text",
      created_at: expect.any(String),
      edited_at: null,
      deleted: false,
      status: "sent",
      client_id: "h-1",
      reactions: [],
      thread_id: null,
      reply_count: 0,
      last_reply_at: null,
      reply_user_ids: [],
      pinned_at: null,
      pinned_by: null,
    });
    expect(await live.waitFor("message_created", (m) => m.id === res.body.message.id)).toEqual(res.body.message);

    for (let i = 2; i <= 5; i++) await say(a, ch.slug, `m${i}`);
    const newest = await history(b.token, ch.slug, "?limit=2");
    expect(newest.body.messages.map((m: any) => m.content)).toEqual(["m4", "m5"]);
    expect(newest.body.messages.map((m: any) => m.seq)).toEqual([4, 5]);
    expect(newest.body.next_cursor).toEqual(expect.any(String));
    const older = await history(b.token, ch.slug, `?limit=2&before=${newest.body.next_cursor}`);
    expect(older.body.messages.map((m: any) => m.content)).toEqual(["m2", "m3"]);
    const oldest = await history(b.token, ch.slug, `?limit=2&before=${older.body.next_cursor}`);
    expect(oldest.body.messages.map((m: any) => m.content)).toEqual(["Hello **world**"]);
    expect(oldest.body.next_cursor).toBeNull();
    const after = await history(b.token, ch.slug, `?limit=3&after=${res.body.message.id}`);
    expect(after.body.messages.map((m: any) => m.content)).toEqual(["m2", "m3", "m4"]);
    const rest = await history(b.token, ch.slug, `?limit=3&after=${after.body.next_cursor}`);
    expect(rest.body.messages.map((m: any) => m.content)).toEqual(["m5"]);
    expect(rest.body.next_cursor).toBeNull();

    const other = await createChannel(a, { name: "Elsewhere", type: "public" });
    const foreign = await say(a, other.slug, "not here");
    expect((await history(b.token, ch.slug, `?before=${foreign.body.message.id}`)).status).toBe(400);
    expect((await history(b.token, ch.slug, "?limit=0")).status).toBe(400);
    expect((await history(b.token, ch.slug, "?limit=101")).status).toBe(400);
    expect((await history(b.token, ch.slug, `?before=${res.body.message.id}&after=${res.body.message.id}`)).status).toBe(400);
  });

  it("enforces 4,000 characters and known message types, and media only with an existing upload", async () => {
    const a = await createUser();
    const ch = await createChannel(a, { name: "Limits", type: "public" });
    expect((await say(a, ch.slug, "x".repeat(4000))).status).toBe(201);
    const tooLong = await say(a, ch.slug, "x".repeat(4001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details!.content).toBeDefined();
    const unknownType = await say(a, ch.slug, "hi", { message_type: "sticker" });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.details!.message_type).toBeDefined();
    expect((await say(a, ch.slug, "", {})).status).toBe(400);
    expect((await say(a, ch.slug, "caption", { message_type: "image" })).body.details!.upload_id).toBeDefined();
    expect((await say(a, ch.slug, "text", { upload_id: "up1" })).body.details!.upload_id).toBeDefined();
    const media = await say(a, ch.slug, "caption", { message_type: "image", upload_id: "up1" });
    expect(media.status).toBe(400);
    expect(media.body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(media.body.details!.upload_id).toBeDefined();
    const all = await history(a.token, ch.slug);
    expect(all.body.messages).toHaveLength(1);
    expect(all.body.messages[0].content).toHaveLength(4000);
  });

  it("stores a message sent twice with one client_id once", async () => {
    const a = await createUser();
    const ch = await createChannel(a, { name: "Dedup", type: "public" });
    const [one, two] = await Promise.all([
      say(a, ch.slug, "only once", { client_id: "dup-1" }),
      say(a, ch.slug, "only once", { client_id: "dup-1" }),
    ]);
    expect(one.body.message.id).toBe(two.body.message.id);
    const three = await say(a, ch.slug, "only once", { client_id: "dup-1" });
    expect(three.body.message.id).toBe(one.body.message.id);
    expect((await history(a.token, ch.slug)).body.messages).toHaveLength(1);
    // The same client_id elsewhere is a client bug, not a resend.
    const other = await createChannel(a, { name: "Dedup other", type: "public" });
    expect((await say(a, other.slug, "only once", { client_id: "dup-1" })).status).toBe(409);
    // Another user's client_id is theirs.
    const b = await createUser();
    expect((await say(b, ch.slug, "mine", { client_id: "dup-1" })).status).toBe(201);
  });

  it("edits (author only) and soft-deletes (author or channel owner), live and in later reads", async () => {
    const owner = await createUser();
    const author = await createUser();
    const other = await createUser();
    const ch = await createChannel(owner, { name: "Moderated", type: "public" });
    await api(`/api/channels/${ch.slug}/join`, { method: "POST", token: author.token });
    await api(`/api/channels/${ch.slug}/join`, { method: "POST", token: other.token });
    const watcher = await chatClient(other);
    await watcher.emit("join_channel", { channel: ch.slug });
    const msg = (await say(author, ch.slug, "typo hre")).body.message;

    expect((await api(`/api/messages/${msg.id}`, { method: "PATCH", token: owner.token, body: { content: "hijack" } })).status).toBe(403);
    expect((await api(`/api/messages/${msg.id}`, { method: "PATCH", token: author.token, body: { content: "" } })).status).toBe(400);
    const edited = await api(`/api/messages/${msg.id}`, { method: "PATCH", token: author.token, body: { content: "typo here" } });
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({ id: msg.id, content: "typo here", edited_at: expect.any(String) });
    expect(await watcher.waitFor("message_updated", (e) => e.id === msg.id)).toEqual({
      id: msg.id,
      channel: ch.slug,
      content: "typo here",
      edited_at: edited.body.message.edited_at,
    });

    expect((await api(`/api/messages/${msg.id}`, { method: "DELETE", token: other.token })).status).toBe(403);
    const deleted = await api(`/api/messages/${msg.id}`, { method: "DELETE", token: owner.token });
    expect(deleted.status).toBe(200);
    expect(deleted.body.message).toMatchObject({ id: msg.id, deleted: true, content: null });
    const event = await watcher.waitFor("message_deleted", (e) => e.id === msg.id);
    expect(event).toEqual({ id: msg.id, channel: ch.slug, deleted_at: expect.any(String) });
    const later = (await history(other.token, ch.slug)).body.messages.find((m: any) => m.id === msg.id);
    expect(later).toMatchObject({ deleted: true, content: null, reactions: [] });
    expect((await api(`/api/messages/${msg.id}`, { method: "PATCH", token: author.token, body: { content: "again" } })).status).toBe(409);
    expect((await api(`/api/messages/${msg.id}`, { method: "DELETE", token: author.token })).status).toBe(200);
    expect((await api(`/api/messages/nope`, { method: "DELETE", token: author.token })).status).toBe(404);
  });

  it("limits each user to 5 messages a second (429 with Retry-After) without affecting others", async () => {
    const a = await createUser();
    const b = await createUser();
    const ch = await createChannel(a, { name: "Flood", type: "public" });
    const burst = await Promise.all(
      Array.from({ length: 9 }, (_, i) => api(`/api/channels/${ch.slug}/messages`, { token: a.token, body: { content: `flood ${i}` } })),
    );
    // The first five always pass; the rest arrive within the same second unless the machine
    // is very busy, so at least one is refused (the socket test checks the exact count).
    const limited = burst.filter((r) => r.status === 429);
    expect(burst.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body.code).toBe("RATE_LIMITED");
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: b.token, body: { content: "I can still talk" } })).status).toBe(201);
    const stored = (await history(a.token, ch.slug, "?limit=100")).body.messages;
    expect(stored).toHaveLength(burst.filter((r) => r.status === 201).length + 1);
  });
});

describe("direct messages over HTTP", () => {
  it("sends, lists conversations with unread counts and presence, and reads the history", async () => {
    const a = await createUser();
    const b = await createUser();
    await chatClient(a);
    const sent = await dm(a, b.id, "Salut !", { client_id: "dm-1" });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({
      from: a.id,
      to: b.id,
      conversation: expect.any(String),
      content: "Salut !",
      message_type: "text",
      status: "sent",
      deleted: false,
      client_id: "dm-1",
    });
    expect(sent.body.message.channel).toBeUndefined();
    expect((await dm(a, b.id, "Salut !", { client_id: "dm-1" })).body.message.id).toBe(sent.body.message.id);
    await dm(b, a.id, "Hello back");
    await dm(a, b.id, "How are you?");

    const convB = (await api("/api/conversations", { token: b.token })).body.conversations;
    expect(convB).toHaveLength(1);
    expect(convB[0]).toMatchObject({
      id: sent.body.message.conversation,
      user: { id: a.id, username: a.username, online: true },
      unread_count: 2,
      last_message: { content: "How are you?" },
    });
    const convA = (await api("/api/conversations", { token: a.token })).body.conversations;
    expect(convA[0]).toMatchObject({ user: { id: b.id, online: false }, unread_count: 1 });

    const hist = await api(`/api/messages?with=${a.id}&limit=2`, { token: b.token });
    expect(hist.body.messages.map((m: any) => m.content)).toEqual(["Hello back", "How are you?"]);
    const older = await api(`/api/messages?with=${a.id}&limit=2&before=${hist.body.next_cursor}`, { token: b.token });
    expect(older.body.messages.map((m: any) => m.content)).toEqual(["Salut !"]);
    expect(older.body.next_cursor).toBeNull();
    const byId = await api(`/api/messages?conversation=${sent.body.message.conversation}`, { token: a.token });
    expect(byId.body.messages).toHaveLength(3);

    const stranger = await createUser();
    expect((await api(`/api/messages?conversation=${sent.body.message.conversation}`, { token: stranger.token })).status).toBe(403);
    expect((await api(`/api/messages?with=${a.id}`, { token: stranger.token })).body.messages).toEqual([]);
    expect(
      (await api(`/api/messages/${sent.body.message.id}`, { method: "PATCH", token: stranger.token, body: { content: "x" } })).status,
    ).toBe(403);
  });

  it("refuses bad direct messages, and multipart (media) whose bytes are not an accepted type with 415", async () => {
    const a = await createUser();
    const b = await createUser();
    expect((await dm(a, a.id, "me")).status).toBe(400);
    expect((await dm(a, "no-such-user", "hi")).status).toBe(404);
    expect((await dm(a, b.id, "x".repeat(4001))).status).toBe(400);
    expect((await api("/api/messages", { token: a.token, body: { receiver: b.id, content: "hi", message_type: "gif" } })).status).toBe(400);
    expect((await api("/api/messages", { token: a.token, body: { content: "hi" } })).status).toBe(400);
    expect((await api("/api/messages?with=x&conversation=y", { token: a.token })).status).toBe(400);

    const form = new FormData();
    form.set("receiver", b.id);
    form.set("message_type", "audio");
    form.set("file", new Blob([Buffer.from("<html><script>alert(1)</script></html>")], { type: "audio/mpeg" }), "note.mp3");
    const res = await fetch(`${baseUrl()}/api/messages`, { method: "POST", headers: { authorization: `Bearer ${a.token}` }, body: form });
    expect(res.status).toBe(415);
    const body = await res.json();
    expect(body).toMatchObject({ success: false, code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(body.error).toMatch(/HTML/);
    const anonymous = await fetch(`${baseUrl()}/api/messages`, { method: "POST", body: form });
    expect(anonymous.status).toBe(401);
    expect((await api("/api/conversations", { token: a.token })).body.conversations).toEqual([]);
  });
});

describe("search", () => {
  it("ranks the best match first, matches partial words, and covers only what the caller may read", async () => {
    const a = await createUser();
    const b = await createUser();
    const outsider = await createUser();
    const word = unique("zq"); // a word no other test uses
    const pub = await createChannel(a, { name: "Search public", type: "public" });
    const priv = await createChannel(a, { name: "Search private", type: "private", member_ids: [b.id] });
    const once = (await say(a, pub.slug, `The ${word} is on Monday`)).body.message;
    const thrice = (await say(b, pub.slug, `${word} ${word} ${word} schedule`)).body.message;
    const secret = (await say(a, priv.slug, `private ${word} notes`)).body.message;
    const direct = (await dm(a, b.id, `direct ${word} question`)).body.message;
    const gone = (await say(a, pub.slug, `${word} deleted later`)).body.message;
    await api(`/api/messages/${gone.id}`, { method: "DELETE", token: a.token });

    const forB = await api(`/api/search?q=${word}`, { token: b.token });
    expect(forB.status).toBe(200);
    const ids = forB.body.messages.map((m: any) => m.id);
    expect(ids[0]).toBe(thrice.id);
    expect(ids.sort()).toEqual([once.id, thrice.id, secret.id, direct.id].sort());
    const hit = forB.body.messages.find((m: any) => m.id === direct.id);
    expect(hit.context).toEqual({ type: "direct", conversation: direct.conversation, with: expect.objectContaining({ id: a.id }) });
    expect(forB.body.messages.find((m: any) => m.id === secret.id).context).toEqual({
      type: "channel",
      channel: priv.slug,
      channel_name: "Search private",
    });
    expect(forB.body.messages[0].rank).toBeGreaterThan(forB.body.messages.at(-1).rank);

    const forOutsider = await api(`/api/search?q=${word}`, { token: outsider.token });
    expect(forOutsider.body.messages.map((m: any) => m.id).sort()).toEqual([once.id, thrice.id].sort());

    // Partial words match (prefix search), several words must all match.
    const partial = await api(`/api/search?q=${word.slice(0, -2)}%20sched`, { token: b.token });
    expect(partial.body.messages.map((m: any) => m.id)).toEqual([thrice.id]);
  });

  it("filters by from:@username, in:#channel, in:@username and ?channel=, and pages", async () => {
    const a = await createUser();
    const b = await createUser();
    const word = unique("zf");
    const one = await createChannel(a, { name: "Filter one", type: "public" });
    const two = await createChannel(a, { name: "Filter two", type: "private", member_ids: [b.id] });
    const a1 = (await say(a, one.slug, `${word} alpha`)).body.message;
    const b1 = (await say(b, one.slug, `${word} beta`)).body.message;
    const a2 = (await say(a, two.slug, `${word} gamma`)).body.message;
    const d1 = (await dm(b, a.id, `${word} delta`)).body.message;
    const q = async (text: string, extra = "") => {
      const res = await api(`/api/search?q=${encodeURIComponent(text)}${extra}`, { token: b.token });
      expect(res.status).toBe(200);
      return res.body.messages.map((m: any) => m.id).sort();
    };
    expect(await q(`${word} from:@${a.username}`)).toEqual([a1.id, a2.id].sort());
    expect(await q(`from:me ${word}`)).toEqual([b1.id, d1.id].sort());
    expect(await q(`${word} in:#${one.slug}`)).toEqual([a1.id, b1.id].sort());
    expect(await q(word, `&channel=${two.slug}`)).toEqual([a2.id]);
    expect(await q(`in:#${two.slug} from:@${a.username}`)).toEqual([a2.id]);
    expect(await q(`${word} in:@${a.username}`)).toEqual([d1.id]);
    const page1 = await api(`/api/search?q=${word}&limit=3`, { token: b.token });
    expect(page1.body.messages).toHaveLength(3);
    const page2 = await api(`/api/search?q=${word}&limit=3&before=${page1.body.next_cursor}`, { token: b.token });
    expect(page2.body.messages).toHaveLength(1);
    expect(page2.body.next_cursor).toBeNull();

    expect((await api(`/api/search?q=`, { token: b.token })).status).toBe(400);
    expect((await api(`/api/search?q=${encodeURIComponent("?!")}`, { token: b.token })).status).toBe(400);
    expect((await api(`/api/search?q=x%20in:%23${unique("nochannel-")}`, { token: b.token })).status).toBe(404);
    expect((await api(`/api/search?q=x%20from:@${unique("nobody")}`, { token: b.token })).status).toBe(404);
    const outsider = await createUser();
    expect((await api(`/api/search?q=${word}&channel=${two.slug}`, { token: outsider.token })).status).toBe(403);
  });
});

describe("deleted users", () => {
  it('keep their messages readable as "Deleted user"; their channels pass on', async () => {
    const gone = await createUser();
    const b = await createUser();
    const c = await createUser();
    const ch = await createChannel(gone, { name: "Legacy", type: "group", member_ids: [b.id, c.id] });
    const posted = (await say(gone, ch.slug, "remember me")).body.message;
    const direct = (await dm(gone, b.id, "a private word")).body.message;
    const del = await api("/api/me", { method: "DELETE", token: gone.token, body: { password: gone.password } });
    expect(del.status).toBe(200);

    const msgs = (await history(b.token, ch.slug)).body.messages;
    expect(msgs.find((m: any) => m.id === posted.id)).toMatchObject({
      from: "deleted",
      author: { id: "deleted", name: "Deleted user" },
      content: "remember me",
    });
    const conv = (await api("/api/conversations", { token: b.token })).body.conversations;
    expect(conv[0]).toMatchObject({
      id: direct.conversation,
      user: { name: "Deleted user", online: false },
      last_message: { content: "a private word" },
    });
    const hist = await api(`/api/messages?conversation=${direct.conversation}`, { token: b.token });
    expect(hist.body.messages[0]).toMatchObject({ from: "deleted", to: b.id, author: { name: "Deleted user" } });
    const detail = await api(`/api/channels/${ch.slug}`, { token: c.token });
    expect(detail.body.channel.owner_id).toBe(b.id);
    expect(detail.body.members.map((m: any) => m.id)).toEqual([b.id, c.id]);
    // The new owner moderates the deleted user's messages.
    expect((await api(`/api/messages/${posted.id}`, { method: "DELETE", token: b.token })).status).toBe(200);
  });
});

describe("chat API reference", () => {
  it("documents every chat endpoint in /api/openapi.json", async () => {
    const doc = (await api("/api/openapi.json")).body;
    for (const [path, method] of [
      ["/api/channels", "get"],
      ["/api/channels", "post"],
      ["/api/channels/{slug}", "get"],
      ["/api/channels/{slug}/join", "post"],
      ["/api/channels/{slug}/leave", "post"],
      ["/api/channels/{slug}/members", "post"],
      ["/api/channels/{slug}/messages", "get"],
      ["/api/channels/{slug}/messages", "post"],
      ["/api/messages/{id}", "patch"],
      ["/api/messages/{id}", "delete"],
      ["/api/search", "get"],
      ["/api/conversations", "get"],
      ["/api/messages", "get"],
      ["/api/messages", "post"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths["/api/messages"].post.responses)).toEqual(expect.arrayContaining(["201", "415", "429"]));
  });
});
