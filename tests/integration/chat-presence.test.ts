import { afterEach, describe, expect, it } from "vitest";
import { api, createUser } from "../helpers/client";
import { chatClient, closeAllChatClients, createChannel, dm, type ChatClient } from "../helpers/chat";

// Presence between people who become contacts while connected (docs/chat.md, "Presence").
afterEach(() => closeAllChatClients());

const snapshotWith = (id: string) => (p: { online_user_ids: string[] }) => p.online_user_ids.includes(id);
const cameOnline = (id: string) => (p: { user_id: string; online: boolean }) => p.user_id === id && p.online;
const wentOffline = (id: string) => (p: { user_id: string; online: boolean }) => p.user_id === id && !p.online;

/** Neither knows the other yet: each one's connect snapshot leaves the other out. */
function strangers(a: ChatClient, b: ChatClient) {
  expect(a.seen("presence_snapshot", snapshotWith(b.user.id))).toEqual([]);
  expect(b.seen("presence_snapshot", snapshotWith(a.user.id))).toEqual([]);
}

describe("/chat presence for contacts made after connecting", () => {
  it("a user who joins a public channel hears its online members, they hear the joiner, and going offline reaches both", async () => {
    const [owner, member, offline, joiner] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    const ch = await createChannel(owner, { name: "Late joiners", type: "public", member_ids: [member.id, offline.id] });
    const o = await chatClient(owner);
    const m = await chatClient(member);
    const j = await chatClient(joiner);
    strangers(o, j);

    expect(await j.emit("join_channel", { channel: ch.slug })).toMatchObject({ success: true });
    // One snapshot for the joiner, with the online members (not the offline one) and nobody else.
    const snapshot = await j.waitFor("presence_snapshot", snapshotWith(owner.id));
    expect([...snapshot.online_user_ids].sort()).toEqual([owner.id, member.id].sort());
    // The online members hear the joiner, once each.
    expect(await o.waitFor("presence_update", cameOnline(joiner.id))).toMatchObject({ user_id: joiner.id, online: true });
    await m.waitFor("presence_update", cameOnline(joiner.id));
    await Promise.all([o.sync(), m.sync(), j.sync()]);
    expect(o.seen("presence_update", cameOnline(joiner.id))).toHaveLength(1);
    expect(j.seen("presence_snapshot")).toHaveLength(2);
    expect(j.seen("presence_update", (p) => p.user_id === joiner.id)).toEqual([]);

    // Going offline now reaches the new contact, both ways.
    m.close();
    expect(await j.waitFor("presence_update", wentOffline(member.id))).toMatchObject({ online: false, last_seen: expect.any(String) });
    j.close();
    await o.waitFor("presence_update", wentOffline(joiner.id));
  });

  it("people who were contacts already hear nothing new when they meet in another channel", async () => {
    const [owner, friend] = await Promise.all([createUser(), createUser()]);
    await createChannel(owner, { name: "Old friends", type: "group", member_ids: [friend.id] });
    const ch = await createChannel(owner, { name: "New place", type: "public" });
    const o = await chatClient(owner);
    const f = await chatClient(friend);
    await o.waitFor("presence_update", cameOnline(friend.id));
    expect(await f.emit("join_channel", { channel: ch.slug })).toMatchObject({ success: true });
    // A direct message between them starts a conversation, but they were contacts already.
    expect((await dm(friend, owner.id, "see you there")).status).toBe(201);
    await o.waitFor("message_created", (m) => m.content === "see you there");
    await Promise.all([o.sync(), f.sync()]);
    expect(o.seen("presence_update", cameOnline(friend.id))).toHaveLength(1);
    expect(f.seen("presence_snapshot")).toHaveLength(1);
  });

  it("the first write in a public channel (which makes the writer a member) does the same", async () => {
    const [owner, writer] = await Promise.all([createUser(), createUser()]);
    const ch = await createChannel(owner, { name: "First write", type: "public" });
    const o = await chatClient(owner);
    const w = await chatClient(writer);
    strangers(o, w);
    expect((await api(`/api/channels/${ch.slug}/messages`, { token: writer.token, body: { content: "hello" } })).status).toBe(201);
    await w.waitFor("presence_snapshot", snapshotWith(owner.id));
    await o.waitFor("presence_update", cameOnline(writer.id));
  });

  it("members added by the owner, and a channel created with members, hear each other", async () => {
    const [owner, added, later] = await Promise.all([createUser(), createUser(), createUser()]);
    const o = await chatClient(owner);
    const a = await chatClient(added);
    const l = await chatClient(later);
    strangers(o, a);
    strangers(a, l);

    // Created with a member: both were online, neither knew the other.
    const ch = await createChannel(owner, { name: "Study group", type: "private", member_ids: [added.id] });
    await a.waitFor("presence_snapshot", snapshotWith(owner.id));
    await o.waitFor("presence_snapshot", snapshotWith(added.id));

    // Added later by the owner: the newcomer hears both members, both hear the newcomer.
    const res = await api(`/api/channels/${ch.slug}/members`, { token: owner.token, body: { user_ids: [later.id] } });
    expect(res.status).toBe(200);
    const snap = await l.waitFor("presence_snapshot", snapshotWith(owner.id));
    expect([...snap.online_user_ids].sort()).toEqual([owner.id, added.id].sort());
    await o.waitFor("presence_update", cameOnline(later.id));
    await a.waitFor("presence_update", cameOnline(later.id));
    // The owner's own client keeps everyone it knew: its snapshot is of all its contacts.
    l.close();
    await a.waitFor("presence_update", wentOffline(later.id));
  });

  it("the first direct message makes two strangers contacts", async () => {
    const [sender, receiver] = await Promise.all([createUser(), createUser()]);
    const s = await chatClient(sender);
    const r = await chatClient(receiver);
    strangers(s, r);
    expect((await dm(sender, receiver.id, "hi, we have not met")).status).toBe(201);
    await r.waitFor("presence_snapshot", snapshotWith(sender.id));
    await s.waitFor("presence_snapshot", snapshotWith(receiver.id));
    // A second message changes nothing about presence.
    expect((await dm(sender, receiver.id, "again")).status).toBe(201);
    await Promise.all([s.sync(), r.sync()]);
    expect(r.seen("presence_snapshot")).toHaveLength(2);
    s.close();
    await r.waitFor("presence_update", wentOffline(sender.id));
  });
});
