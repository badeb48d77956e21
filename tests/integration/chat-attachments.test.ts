import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { api, baseUrl, createUser, type TestUser } from "../helpers/client";
import { chatClient, closeAllChatClients, createChannel, say } from "../helpers/chat";
import { download, image, storagePaths, upload, wav, withDb } from "../helpers/uploads";

afterEach(() => closeAllChatClients());

async function mediaDm(user: TestUser, fields: Record<string, string>, file: Buffer, name: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([new Uint8Array(file)]), name);
  const res = await fetch(`${baseUrl()}/api/messages`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

const uploadsOf = (userId: string) =>
  withDb(
    async (c) =>
      (await c.query("SELECT id, attached_at FROM uploads WHERE user_id = $1", [userId])).rows as {
        id: string;
        attached_at: Date | null;
      }[],
  );

describe("chat attachments", () => {
  it("sends an image to a private channel: members see the file, others do not, nor anyone once the message is deleted", async () => {
    const owner = await createUser();
    const member = await createUser();
    const outsider = await createUser();
    const ch = await createChannel(owner, { name: "Photos", type: "private", member_ids: [member.id] });
    const up = await upload(owner, await image("png", 640, 480), { name: "board.png" });
    const memberSocket = await chatClient(member);
    await memberSocket.emit("join_channel", { channel: ch.slug });

    const sent = await say(owner, ch.slug, "the whiteboard", { message_type: "image", upload_id: up.body.upload.id });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachment).toEqual({
      id: up.body.upload.id,
      url: `/api/uploads/${up.body.upload.id}`,
      name: "board.png",
      mime: "image/png",
      size: up.body.upload.size,
      kind: "image",
      width: 640,
      height: 480,
      thumb_url: `/api/uploads/${up.body.upload.id}?thumb=1`,
    });
    const live = await memberSocket.waitFor("message_created", (m) => m.id === sent.body.message.id);
    expect(live.attachment.mime).toBe("image/png");
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: member.token })).body.messages[0].attachment.id).toBe(
      up.body.upload.id,
    );

    expect((await download(member, up.body.upload.url)).status).toBe(200);
    expect((await download(member, up.body.upload.thumb_url)).status).toBe(200);
    expect((await download(outsider, up.body.upload.url)).status).toBe(403);
    expect((await uploadsOf(owner.id))[0]!.attached_at).not.toBeNull();

    expect((await api(`/api/messages/${sent.body.message.id}`, { method: "DELETE", token: owner.token })).status).toBe(200);
    expect((await download(member, up.body.upload.url)).status).toBe(403);
    expect((await download(owner, up.body.upload.url)).status).toBe(200);
  });

  it("shows a public channel's files to everyone signed in", async () => {
    const owner = await createUser();
    const anyone = await createUser();
    const ch = await createChannel(owner, { name: "Open files", type: "public" });
    const up = await upload(owner, wav(), { name: "note.wav" });
    expect((await download(anyone, up.body.upload.url)).status).toBe(403);
    expect((await say(owner, ch.slug, "a note", { message_type: "audio", upload_id: up.body.upload.id })).status).toBe(201);
    expect((await download(anyone, up.body.upload.url)).status).toBe(200);
    expect((await download(null, up.body.upload.url)).status).toBe(401);
  });

  it("refuses someone else's upload, another purpose, and a kind that does not fit the message type", async () => {
    const a = await createUser();
    const b = await createUser();
    const ch = await createChannel(a, { name: "Strict", type: "public" });
    const theirs = await upload(b, wav(), { name: "b.wav" });
    const stolen = await say(a, ch.slug, "caption", { message_type: "audio", upload_id: theirs.body.upload.id });
    expect(stolen.status).toBe(403);
    const avatar = await upload(a, await image("png"), { purpose: "avatar", name: "me.png" });
    const wrongPurpose = await say(a, ch.slug, "caption", { message_type: "image", upload_id: avatar.body.upload.id });
    expect(wrongPurpose.status).toBe(400);
    expect(wrongPurpose.body.details?.upload_id).toBeDefined();
    const sound = await upload(a, wav(), { name: "a.wav" });
    const wrongKind = await say(a, ch.slug, "caption", { message_type: "image", upload_id: sound.body.upload.id });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details?.upload_id).toBeDefined();
    // `file` takes any kind.
    expect((await say(a, ch.slug, "as a file", { message_type: "file", upload_id: sound.body.upload.id })).status).toBe(201);
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: a.token })).body.messages).toHaveLength(1);
    expect((await uploadsOf(b.id))[0]!.attached_at).toBeNull();
  });

  it("sends a direct message with a file as multipart: the two people see it, a third does not", async () => {
    const a = await createUser();
    const b = await createUser();
    const c = await createUser();
    const res = await mediaDm(a, { receiver: b.id, message_type: "audio", content: "listen", client_id: "m1" }, wav(), "voice.wav");
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({
      to: b.id,
      content: "listen",
      message_type: "audio",
      client_id: "m1",
      attachment: { mime: "audio/wav", kind: "audio", name: "voice.wav", size: wav().length },
    });
    const url = res.body.message.attachment.url as string;
    expect((await download(b, url, { range: "bytes=0-3" })).bytes.toString("latin1")).toBe("RIFF");
    expect((await download(a, url)).status).toBe(200);
    expect((await download(c, url)).status).toBe(403);
    const history = await api(`/api/messages?with=${a.id}`, { token: b.token });
    expect(history.body.messages[0].attachment.url).toBe(url);
  });

  it("refuses a multipart message whose file does not fit, or whose fields are wrong, keeping no file", async () => {
    const a = await createUser();
    const b = await createUser();
    const mismatch = await mediaDm(a, { receiver: b.id, message_type: "image" }, wav(), "not-an-image.wav");
    expect(mismatch.status).toBe(415);
    expect(mismatch.body.error).toMatch(/image/);
    // message_type after the file: known only at the end, refused the same way.
    const form = new FormData();
    form.set("receiver", b.id);
    form.set("file", new Blob([new Uint8Array(wav())]), "late.wav");
    form.set("message_type", "video");
    const late = await fetch(`${baseUrl()}/api/messages`, { method: "POST", headers: { authorization: `Bearer ${a.token}` }, body: form });
    expect(late.status).toBe(415);
    const badFields = await mediaDm(a, { receiver: b.id, message_type: "sticker" }, wav(), "x.wav");
    expect(badFields.status).toBe(400);
    expect(badFields.body.details?.message_type).toBeDefined();
    const noReceiver = await mediaDm(a, { message_type: "audio" }, wav(), "x.wav");
    expect(noReceiver.status).toBe(400);
    expect(await uploadsOf(a.id)).toEqual([]);
    expect((await api("/api/conversations", { token: a.token })).body.conversations).toEqual([]);
  });

  it("keeps the messages of a deleted account without their files", async () => {
    const a = await createUser();
    const b = await createUser();
    const res = await mediaDm(a, { receiver: b.id, message_type: "image" }, await image("jpeg"), "p.jpg");
    expect(res.status).toBe(201);
    const files = await storagePaths(res.body.message.attachment.id);
    expect((await api("/api/me", { method: "DELETE", token: a.token, body: { password: a.password } })).status).toBe(200);
    for (const f of files) expect(existsSync(f)).toBe(false);
    const history = await api(`/api/messages?conversation=${res.body.message.conversation}`, { token: b.token });
    expect(history.body.messages).toHaveLength(1);
    expect(history.body.messages[0].attachment).toBeUndefined();
    expect(history.body.messages[0].author.name).toBe("Deleted user");
  });
});

describe("history pages", () => {
  it("present each message exactly as the other paths do: reactions in order, attachment, edits, deletions, deleted authors", async () => {
    const owner = await createUser();
    const member = await createUser();
    const leaver = await createUser();
    const ch = await createChannel(owner, { name: "Same shape", type: "private", member_ids: [member.id, leaver.id] });
    const up = await upload(owner, await image("png", 32, 32), { name: "dot.png" });
    const withFile = await say(owner, ch.slug, "a caption", { message_type: "image", upload_id: up.body.upload.id });
    const plain = await say(member, ch.slug, "plain text");
    const gone = await say(member, ch.slug, "to be deleted");
    const orphan = await say(leaver, ch.slug, "my author leaves");
    const ownerChat = await chatClient(owner);
    const memberChat = await chatClient(member);
    await ownerChat.emit("join_channel", { channel: ch.slug });
    await memberChat.emit("join_channel", { channel: ch.slug });
    for (const [client, emoji] of [
      [memberChat, "👍"],
      [ownerChat, "🎉"],
      [ownerChat, "👍"],
    ] as const) {
      expect((await client.emit("react", { id: plain.body.message.id, emoji })).success).toBe(true);
    }
    expect((await api(`/api/messages/${gone.body.message.id}`, { method: "DELETE", token: member.token })).status).toBe(200);
    expect((await api("/api/me", { method: "DELETE", token: leaver.token, body: { password: leaver.password } })).status).toBe(200);
    // Editing answers with the message as loaded through the ORM: the history page must match it.
    const edited = await api(`/api/messages/${withFile.body.message.id}`, {
      method: "PATCH",
      token: owner.token,
      body: { content: "new caption" },
    });
    const editedPlain = await api(`/api/messages/${plain.body.message.id}`, {
      method: "PATCH",
      token: member.token,
      body: { content: "plain text!" },
    });
    const page = (await api(`/api/channels/${ch.slug}/messages`, { token: owner.token })).body.messages as { id: string }[];
    const byId = new Map(page.map((m) => [m.id, m]));
    expect(byId.get(withFile.body.message.id)).toEqual(edited.body.message);
    expect(byId.get(plain.body.message.id)).toEqual(editedPlain.body.message);
    expect(editedPlain.body.message.reactions).toEqual([
      { emoji: "👍", count: 2, user_ids: [member.id, owner.id] },
      { emoji: "🎉", count: 1, user_ids: [owner.id] },
    ]);
    expect(byId.get(gone.body.message.id)).toMatchObject({ deleted: true, content: null, reactions: [] });
    expect(byId.get(orphan.body.message.id)).toMatchObject({ from: "deleted", author: { id: "deleted", name: "Deleted user" } });
    expect(page.map((m) => m.id)).toEqual([withFile, plain, gone, orphan].map((r) => r.body.message.id));
    // Paging with cursors gives the same messages.
    const first = await api(`/api/channels/${ch.slug}/messages?limit=2`, { token: owner.token });
    const older = await api(`/api/channels/${ch.slug}/messages?limit=2&before=${first.body.next_cursor}`, { token: owner.token });
    expect([...older.body.messages, ...first.body.messages]).toEqual(page);
  });
});
