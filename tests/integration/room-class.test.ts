import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, baseUrl, connect, createUser, emitAck, nextEvent, type TestUser } from "../helpers/client";
import { action, createMeeting } from "../helpers/meetings";

// Class interaction in rooms (CONTRACT.md section 9): polls, questions, raised hands, moderation
// and the video queue, with real sockets. Each refusal answers in the ack format and changes nothing.
const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function sock(ns: string, user: TestUser) {
  const s = await connect(ns, { token: user.token });
  open.push(s);
  return s;
}

/** A room of n users (the first is the host), each with a joined socket on `ns`. */
async function roomWith(n: number, ns = "/rooms") {
  const users = await Promise.all(Array.from({ length: n }, () => createUser()));
  const created = await api("/api/rooms", { token: users[0]!.token, body: { name: "Class" } });
  const code = created.body.room.room_id as string;
  const sockets: Socket[] = [];
  for (const u of users) {
    if (ns !== "/rooms") await api(`/api/rooms/${code}/join`, { method: "POST", token: u.token });
    const s = await sock(ns, u);
    expect((await emitAck(s, "join_room", { room_id: code })).success).toBe(true);
    sockets.push(s);
  }
  return { users, code, sockets };
}

// Acks and events as they come off the wire.
type Wire = any;

const VIDEO = ["dQw4w9WgXcQ", "9bZkp7q5f_w", "kJQP7kiw5Fk", "OPf0YbXqDm0"];

describe("polls", () => {
  it(
    "host opens, participants vote (replacing), names only to the host, closes; late joiners, HTTP list and CSV",
    { timeout: 180_000 },
    async () => {
      const { users, code, sockets } = await roomWith(3);
      const [host, alice, bob] = users as [TestUser, TestUser, TestUser];
      const [hs, as, bs] = sockets as [Socket, Socket, Socket];

      // Refusals: not the host; bad shapes. Nothing is created.
      expect(await emitAck(as, "create_poll", { room_id: code, question: "Q?", options: ["a", "b"] })).toMatchObject({
        success: false,
        code: "FORBIDDEN",
      });
      for (const bad of [
        { room_id: code, question: "Q?", options: ["only"] },
        { room_id: code, question: "Q?", options: Array.from({ length: 11 }, (_, i) => `o${i}`) },
        { room_id: code, question: "", options: ["a", "b"] },
        { room_id: code, question: "Q?", options: ["same", "Same"] },
      ])
        expect(await emitAck(hs, "create_poll", bad)).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      expect((await api(`/api/rooms/${code}/polls`, { token: host.token })).body.polls).toEqual([]);

      const heard = nextEvent(bs, "poll_updated");
      const created = await emitAck(hs, "create_poll", { room_id: code, question: "Best prime?", options: ["2", "3", "5"] });
      expect(created).toMatchObject({
        success: true,
        poll: { question: "Best prime?", status: "open", multiple: false, anonymous: false, total_voters: 0 },
      });
      const poll = created.poll;
      expect((await heard).poll.id).toBe(poll.id);
      const [o2, o3, o5] = poll.options.map((o: { id: string }) => o.id);

      // A single-choice poll takes one known option.
      expect(await emitAck(as, "vote", { poll_id: poll.id, option_ids: [o2, o3] })).toMatchObject({
        success: false,
        code: "VALIDATION_ERROR",
      });
      expect(await emitAck(as, "vote", { poll_id: poll.id, option_ids: ["nope"] })).toMatchObject({
        success: false,
        code: "VALIDATION_ERROR",
      });
      expect(await emitAck(as, "vote", { poll_id: "nope", option_ids: [o2] })).toMatchObject({ success: false, code: "NOT_FOUND" });

      const bobSees = nextEvent(bs, "poll_updated", (p: Wire) => p.poll.total_voters === 1);
      const hostSees = nextEvent(hs, "poll_updated", (p: Wire) => p.poll.total_voters === 1);
      const voted = await emitAck(as, "vote", { poll_id: poll.id, option_ids: [o2] });
      expect(voted.poll).toMatchObject({ total_voters: 1, my_vote: [o2] });
      expect(voted.poll.options[0].voters).toBeUndefined();
      const bobView = (await bobSees).poll;
      expect(bobView.options[0]).toEqual({ id: o2, text: "2", votes: 1 });
      expect(bobView.my_vote).toBeUndefined();
      expect((await hostSees).poll.options[0].voters.map((v: { id: string }) => v.id)).toEqual([alice.id]);

      // Changing a vote replaces it.
      const changed = await emitAck(as, "vote", { poll_id: poll.id, option_ids: [o5] });
      expect(changed.poll.options.map((o: { votes: number }) => o.votes)).toEqual([0, 0, 1]);
      expect(changed.poll).toMatchObject({ total_voters: 1, my_vote: [o5] });
      await emitAck(bs, "vote", { poll_id: poll.id, option_ids: [o3] });

      // An anonymous multiple-choice poll: no names, even to the host.
      const anon = (
        await emitAck(hs, "create_poll", { room_id: code, question: "Which?", options: ["x", "y"], multiple: true, anonymous: true })
      ).poll;
      const both = anon.options.map((o: { id: string }) => o.id);
      expect((await emitAck(bs, "vote", { poll_id: anon.id, option_ids: both })).poll.my_vote).toEqual(both);
      const hostList = (await api(`/api/rooms/${code}/polls`, { token: host.token })).body.polls;
      expect(hostList[1].options.every((o: { voters?: unknown }) => o.voters === undefined)).toBe(true);
      expect(hostList[0].options[2].voters[0].id).toBe(alice.id);

      // Closing: host only; a closed poll takes no votes.
      expect(await emitAck(as, "close_poll", { poll_id: poll.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect((await emitAck(hs, "close_poll", { poll_id: poll.id })).poll.status).toBe("closed");
      expect(await emitAck(bs, "vote", { poll_id: poll.id, option_ids: [o2] })).toMatchObject({ success: false, code: "CONFLICT" });

      // A late joiner gets open and closed polls in the join ack; a returning voter their my_vote.
      const late = await createUser();
      const ls = await sock("/rooms", late);
      const ack = await emitAck(ls, "join_room", { room_id: code });
      expect(ack.polls.map((p: Wire) => p.status)).toEqual(["closed", "open"]);
      expect(ack.polls[0].options.map((o: { votes: number }) => o.votes)).toEqual([0, 1, 1]);
      expect(ack.polls[0].my_vote).toBeUndefined();
      const bobList = (await api(`/api/rooms/${code}/polls`, { token: bob.token })).body.polls;
      expect(bobList[0].my_vote).toEqual([o3]);
      expect(bobList[0].options[0].voters).toBeUndefined();
      expect((await api(`/api/rooms/${code}/polls`, { token: (await createUser()).token })).status).toBe(403);

      // CSV for the host only.
      const csv = await fetch(`${baseUrl()}/api/polls/${poll.id}/results?format=csv`, {
        headers: { authorization: `Bearer ${host.token}` },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      const lines = (await csv.text()).trim().split("\r\n");
      expect(lines[0]).toBe('"option","votes","share","voters"');
      expect(lines[3]).toContain('"5","1","50%"');
      expect((await api(`/api/polls/${poll.id}/results`, { token: alice.token })).body.code).toBe("FORBIDDEN");
      const anonCsv = await fetch(`${baseUrl()}/api/polls/${anon.id}/results`, { headers: { authorization: `Bearer ${host.token}` } });
      expect((await anonCsv.text()).split("\r\n")[0]).toBe('"option","votes","share"');
    },
  );
});

describe("questions and raised hands", () => {
  it(
    "anonymous to participants, never to the host; upvotes toggle; open first then by votes; hands in order",
    { timeout: 180_000 },
    async () => {
      const { users, code, sockets } = await roomWith(3);
      const [host, alice, bob] = users as [TestUser, TestUser, TestUser];
      const [hs, as, bs] = sockets as [Socket, Socket, Socket];

      expect(await emitAck(as, "ask_question", { room_id: code, content: "" })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      const bobHears = nextEvent(bs, "questions_updated", (p: Wire) => p.questions.length === 1);
      const hostHears = nextEvent(hs, "questions_updated", (p: Wire) => p.questions.length === 1);
      const q1 = (await emitAck(as, "ask_question", { room_id: code, content: "Why is 1 not prime?", anonymous: true })).question;
      expect(q1).toMatchObject({ anonymous: true, status: "open", votes: 0 });
      expect((await bobHears).questions[0].author).toBeNull();
      expect((await hostHears).questions[0].author.id).toBe(alice.id);
      const q2 = (await emitAck(bs, "ask_question", { room_id: code, content: "Is 0 even?" })).question;

      // Upvotes toggle; more votes come first among open questions.
      expect(await emitAck(hs, "upvote_question", { question_id: q2.id })).toMatchObject({ success: true, upvoted: true });
      expect(await emitAck(as, "upvote_question", { question_id: q2.id })).toMatchObject({ upvoted: true });
      const untoggled = await emitAck(as, "upvote_question", { question_id: q2.id });
      expect(untoggled.upvoted).toBe(false);
      expect(untoggled.questions.map((q: { id: string; votes: number }) => [q.id, q.votes])).toEqual([
        [q2.id, 1],
        [q1.id, 0],
      ]);

      // Answering: host only; answered questions go after the open ones.
      expect(await emitAck(bs, "answer_question", { question_id: q1.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
      const answered = await emitAck(hs, "answer_question", { question_id: q2.id });
      expect(answered.questions.map((q: { id: string; status: string }) => [q.id, q.status])).toEqual([
        [q1.id, "open"],
        [q2.id, "answered"],
      ]);
      // Deleting: the author or the host.
      expect(await emitAck(bs, "delete_question", { question_id: q1.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect((await emitAck(as, "delete_question", { question_id: q1.id })).questions.map((q: { id: string }) => q.id)).toEqual([q2.id]);
      const late = await sock("/rooms", host);
      expect((await emitAck(late, "join_room", { room_id: code })).questions.map((q: { id: string }) => q.id)).toEqual([q2.id]);

      // Hands: raise order kept (raising again keeps the place); lowering someone else's is the host's.
      await emitAck(bs, "raise_hand", { room_id: code, raised: true });
      const hostSeesHands = nextEvent(hs, "hands_updated", (p: Wire) => p.hands.length === 2);
      await emitAck(as, "raise_hand", { room_id: code, raised: true });
      expect((await hostSeesHands).hands.map((h: { user: { id: string } }) => h.user.id)).toEqual([bob.id, alice.id]);
      expect(
        (await emitAck(bs, "raise_hand", { room_id: code, raised: true })).hands.map((h: { user: { id: string } }) => h.user.id),
      ).toEqual([bob.id, alice.id]);
      expect(await emitAck(as, "lower_hand", { room_id: code, user_id: bob.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect(await emitAck(as, "raise_hand", { room_id: code, raised: "yes" })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      expect(
        (await emitAck(hs, "lower_hand", { room_id: code, user_id: bob.id })).hands.map((h: { user: { id: string } }) => h.user.id),
      ).toEqual([alice.id]);
      expect((await emitAck(as, "raise_hand", { room_id: code, raised: false })).hands).toEqual([]);
    },
  );
});

describe("moderation", () => {
  it(
    "mute answers MUTED, slow mode RATE_LIMITED, remove lets rejoin, ban answers BANNED over socket and HTTP",
    { timeout: 180_000 },
    async () => {
      const { users, code, sockets } = await roomWith(3);
      const [host, alice, bob] = users as [TestUser, TestUser, TestUser];
      const [hs, as, bs] = sockets as [Socket, Socket, Socket];

      expect(await emitAck(as, "mute_participant", { room_id: code, user_id: bob.id, minutes: 5 })).toMatchObject({
        success: false,
        code: "FORBIDDEN",
      });
      expect(await emitAck(hs, "mute_participant", { room_id: code, user_id: bob.id, minutes: -1 })).toMatchObject({
        code: "VALIDATION_ERROR",
      });
      expect(await emitAck(hs, "mute_participant", { room_id: code, user_id: host.id, minutes: 5 })).toMatchObject({
        code: "VALIDATION_ERROR",
      });
      expect((await emitAck(bs, "send_message", { room_id: code, content: "before" })).success).toBe(true);

      const told = nextEvent(as, "moderation_changed", (m: Wire) => m.muted.length === 1);
      const muted = await emitAck(hs, "mute_participant", { room_id: code, user_id: bob.id, minutes: 5 });
      expect(muted.moderation.muted[0].user_id).toBe(bob.id);
      expect((await told).muted[0].user_id).toBe(bob.id);
      expect(await emitAck(bs, "send_message", { room_id: code, content: "muted?" })).toMatchObject({ success: false, code: "MUTED" });
      expect(await emitAck(bs, "ask_question", { room_id: code, content: "muted?" })).toMatchObject({ success: false, code: "MUTED" });
      // The mute outlasts a reconnect.
      const bs2 = await sock("/rooms", bob);
      expect((await emitAck(bs2, "join_room", { room_id: code })).moderation.muted[0].user_id).toBe(bob.id);
      expect(await emitAck(bs2, "send_message", { room_id: code, content: "again?" })).toMatchObject({ code: "MUTED" });
      await emitAck(hs, "mute_participant", { room_id: code, user_id: bob.id, minutes: 0 });
      expect((await emitAck(bs2, "send_message", { room_id: code, content: "back" })).success).toBe(true);

      // Slow mode: one message per 60 s for participants; the host is not held back.
      expect(await emitAck(as, "set_slow_mode", { room_id: code, seconds: 30 })).toMatchObject({ code: "FORBIDDEN" });
      expect((await emitAck(hs, "set_slow_mode", { room_id: code, seconds: 60 })).moderation.slow_mode_seconds).toBe(60);
      expect((await emitAck(as, "send_message", { room_id: code, content: "one" })).success).toBe(true);
      expect(await emitAck(as, "send_message", { room_id: code, content: "two" })).toMatchObject({ success: false, code: "RATE_LIMITED" });
      expect((await emitAck(hs, "send_message", { room_id: code, content: "h1" })).success).toBe(true);
      expect((await emitAck(hs, "send_message", { room_id: code, content: "h2" })).success).toBe(true);
      await emitAck(hs, "set_slow_mode", { room_id: code, seconds: 0 });
      expect((await emitAck(as, "send_message", { room_id: code, content: "three" })).success).toBe(true);

      // Remove: the removed user hears it and may rejoin by code.
      const aliceTold = nextEvent(as, "participant_removed");
      expect(await emitAck(hs, "remove_participant", { room_id: code, user_id: alice.id })).toMatchObject({ success: true });
      expect(await aliceTold).toMatchObject({ room_id: code, user_id: alice.id, banned: false });
      expect(await emitAck(as, "send_message", { room_id: code, content: "still here?" })).toMatchObject({
        success: false,
        code: "FORBIDDEN",
      });
      expect((await emitAck(as, "join_room", { room_id: code })).success).toBe(true);

      // Remove and ban: joins answer 403 BANNED, by socket and by HTTP.
      const bobTold = nextEvent(bs, "participant_removed");
      await emitAck(hs, "remove_participant", { room_id: code, user_id: bob.id, ban: true });
      expect((await bobTold).banned).toBe(true);
      expect(await emitAck(bs, "join_room", { room_id: code })).toMatchObject({ success: false, code: "BANNED" });
      const http = await api(`/api/rooms/${code}/join`, { method: "POST", token: bob.token });
      expect(http.status).toBe(403);
      expect(http.body.code).toBe("BANNED");
      const detail = await api(`/api/rooms/${code}`, { token: host.token });
      expect(detail.body.participants.map((p: Wire) => p.id).sort()).toEqual([host.id, alice.id].sort());
    },
  );
});

describe("lifting a ban", () => {
  it(
    "unban_user is the host's; the banned list is in the host's view only; bad input and refusals change nothing",
    { timeout: 180_000 },
    async () => {
      const { users, code, sockets } = await roomWith(3);
      const [host, alice, bob] = users as [TestUser, TestUser, TestUser];
      const [hs, as] = sockets as [Socket, Socket, Socket];

      // Nobody banned: nothing to lift.
      expect(await emitAck(hs, "unban_user", { room_id: code, user_id: bob.id })).toMatchObject({
        success: false,
        code: "NOT_FOUND",
        error: expect.any(String),
      });
      const hostHears = nextEvent(hs, "moderation_changed", (m: Wire) => m.banned?.length === 1);
      const aliceHears = nextEvent(as, "moderation_changed");
      await emitAck(hs, "remove_participant", { room_id: code, user_id: bob.id, ban: true });
      const hostView = await hostHears;
      expect(hostView.banned).toEqual([
        { user: expect.objectContaining({ id: bob.id, username: bob.username }), banned_at: expect.any(String) },
      ]);
      // The class hears that moderation changed, not who is banned.
      expect((await aliceHears).banned).toBeUndefined();
      expect((await emitAck(await sock("/rooms", host), "join_room", { room_id: code })).moderation.banned[0].user.id).toBe(bob.id);
      expect((await emitAck(await sock("/rooms", alice), "join_room", { room_id: code })).moderation.banned).toBeUndefined();

      // Refusals, each in the ack format, none of which lifts the ban.
      for (const bad of [
        {},
        { room_id: code },
        { room_id: code, user_id: "" },
        { room_id: code, user_id: 42 },
        { room_id: "not a code", user_id: bob.id },
        { room_id: code, user_id: "x".repeat(65) },
      ])
        expect(await emitAck(hs, "unban_user", bad)).toMatchObject({ success: false, code: "VALIDATION_ERROR", error: expect.any(String) });
      expect(await emitAck(as, "unban_user", { room_id: code, user_id: bob.id })).toMatchObject({ success: false, code: "FORBIDDEN" });
      const outsider = await createUser();
      expect(await emitAck(await sock("/rooms", outsider), "unban_user", { room_id: code, user_id: bob.id })).toMatchObject({
        success: false,
        code: "FORBIDDEN",
      });
      expect(await emitAck(hs, "unban_user", { room_id: code, user_id: outsider.id })).toMatchObject({ success: false, code: "NOT_FOUND" });
      const bs = await sock("/rooms", bob);
      expect(await emitAck(bs, "join_room", { room_id: code })).toMatchObject({ success: false, code: "BANNED" });
      expect((await api(`/api/rooms/${code}/join`, { method: "POST", token: bob.token })).body.code).toBe("BANNED");

      // The host lifts it: the list empties for the host, and Bob may join again by code (he is
      // not put back by the unban itself).
      const lifted = await emitAck(hs, "unban_user", { room_id: code, user_id: bob.id });
      expect(lifted).toMatchObject({ success: true, moderation: { room_id: code, banned: [] } });
      const detail = await api(`/api/rooms/${code}`, { token: host.token });
      expect(detail.body.participants.map((p: Wire) => p.id)).not.toContain(bob.id);
      expect((await emitAck(bs, "join_room", { room_id: code })).success).toBe(true);
      // Lifting twice: nothing left to lift.
      expect(await emitAck(hs, "unban_user", { room_id: code, user_id: bob.id })).toMatchObject({ success: false, code: "NOT_FOUND" });

      // A closed room takes no more moderation.
      await emitAck(hs, "remove_participant", { room_id: code, user_id: alice.id, ban: true });
      await emitAck(hs, "close_room", { room_id: code });
      expect(await emitAck(hs, "unban_user", { room_id: code, user_id: alice.id })).toMatchObject({ success: false, code: "GONE" });
    },
  );
});

describe("a new host", () => {
  it("hears the host's view, banned list included, as soon as the room passes to them", { timeout: 180_000 }, async () => {
    const { users, code, sockets } = await roomWith(3);
    const [, , bob] = users as [TestUser, TestUser, TestUser];
    const [hs, as] = sockets as [Socket, Socket, Socket];
    await emitAck(hs, "remove_participant", { room_id: code, user_id: bob.id, ban: true });
    // Alice (the longest present) takes over when the host leaves; no rejoin needed to see bans.
    const aliceHears = nextEvent(as, "moderation_changed", (m: Wire) => m.banned !== undefined);
    expect((await emitAck(hs, "leave_room", { room_id: code })).success).toBe(true);
    expect((await aliceHears).banned.map((b: Wire) => b.user.id)).toEqual([bob.id]);
    expect((await emitAck(as, "unban_user", { room_id: code, user_id: bob.id })).success).toBe(true);
  });
});

describe("resending an acknowledged message", () => {
  it("gets the original ack under slow mode and under a mute, while a new message is refused", { timeout: 180_000 }, async () => {
    const { users, code, sockets } = await roomWith(2);
    const [, alice] = users as [TestUser, TestUser];
    const [hs, as] = sockets as [Socket, Socket];
    const count = async () => (await emitAck(await sock("/rooms", alice), "join_room", { room_id: code })).messages.length as number;

    expect((await emitAck(hs, "set_slow_mode", { room_id: code, seconds: 60 })).success).toBe(true);
    const first = await emitAck(as, "send_message", { room_id: code, content: "one", client_id: "c-1" });
    expect(first).toMatchObject({ success: true, message: { content: "one", client_id: "c-1" } });
    // The ack was lost, the client sends again with the same client_id: the same message, once.
    const again = await emitAck(as, "send_message", { room_id: code, content: "one", client_id: "c-1" });
    expect(again).toEqual(first);
    expect(await count()).toBe(1);
    // A new message (another client_id, or none) is still held back by slow mode.
    expect(await emitAck(as, "send_message", { room_id: code, content: "two", client_id: "c-2" })).toMatchObject({
      success: false,
      code: "RATE_LIMITED",
    });
    expect(await emitAck(as, "send_message", { room_id: code, content: "two" })).toMatchObject({ success: false, code: "RATE_LIMITED" });
    // A client_id is the author's own: another author's resend of "c-1" is a new send.
    expect((await emitAck(hs, "send_message", { room_id: code, content: "host", client_id: "c-1" })).message.id).not.toBe(first.message.id);

    // Muted now: the earlier message's resend still gets its ack; anything new answers MUTED.
    await emitAck(hs, "set_slow_mode", { room_id: code, seconds: 0 });
    await emitAck(hs, "mute_participant", { room_id: code, user_id: alice.id, minutes: 5 });
    expect(await emitAck(as, "send_message", { room_id: code, content: "one", client_id: "c-1" })).toEqual(first);
    expect(await emitAck(as, "send_message", { room_id: code, content: "three", client_id: "c-3" })).toMatchObject({
      success: false,
      code: "MUTED",
    });
    // A never-sent client_id whose send was refused stays refused when retried.
    expect(await emitAck(as, "send_message", { room_id: code, content: "two", client_id: "c-2" })).toMatchObject({ code: "MUTED" });
    expect(await count()).toBe(2);
  });
});

describe("video queue", () => {
  it(
    "queues, moves and removes by the controls; video_ended advances once; vote_skip by majority; late joiners get the queue",
    { timeout: 180_000 },
    async () => {
      const { users, code, sockets } = await roomWith(3, "/youtube");
      const [host, alice] = users as [TestUser, TestUser, TestUser];
      const [hs, as, bs] = sockets as [Socket, Socket, Socket];

      expect(await emitAck(as, "queue_video", { room_id: code, url: "not a video" })).toMatchObject({
        success: false,
        code: "INVALID_VIDEO",
      });
      // An empty player takes the first video directly; the next ones queue.
      const first = await emitAck(as, "queue_video", { room_id: code, url: `https://youtu.be/${VIDEO[0]}` });
      expect(first.state).toMatchObject({ video_id: VIDEO[0], queue: [], skip_votes: 0 });
      const bobSees = nextEvent<{ queue: { id: string; video_id: string; added_by: { id: string } }[] }>(
        bs,
        "youtube_state",
        (s) => s.queue.length === 3,
      );
      await emitAck(as, "queue_video", { room_id: code, url: VIDEO[1] });
      await emitAck(hs, "queue_video", { room_id: code, url: `https://www.youtube.com/watch?v=${VIDEO[2]}` });
      await emitAck(as, "queue_video", { room_id: code, url: VIDEO[3] });
      const seen = await bobSees;
      expect(seen.queue.map((q: { video_id: string }) => q.video_id)).toEqual(VIDEO.slice(1));
      expect(seen.queue[0].added_by.id).toBe(alice.id);
      const [i1, i2, i3] = seen.queue.map((q: { id: string }) => q.id);

      // Controls: host only now. Moving is the host's; a participant still removes their own item.
      const rs = await sock("/rooms", host);
      await emitAck(rs, "join_room", { room_id: code });
      expect((await emitAck(rs, "set_controls", { room_id: code, controls: "host" })).success).toBe(true);
      expect(await emitAck(as, "move_queued", { room_id: code, item_id: i3, index: 0 })).toMatchObject({
        success: false,
        code: "FORBIDDEN",
      });
      expect(await emitAck(as, "remove_queued", { room_id: code, item_id: i2 })).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect(await emitAck(hs, "move_queued", { room_id: code, item_id: "nope", index: 0 })).toMatchObject({
        success: false,
        code: "NOT_FOUND",
      });
      const moved = await emitAck(hs, "move_queued", { room_id: code, item_id: i3, index: 0 });
      expect(moved.state.queue.map((q: { id: string }) => q.id)).toEqual([i3, i1, i2]);
      expect((await emitAck(as, "remove_queued", { room_id: code, item_id: i1 })).state.queue.map((q: { id: string }) => q.id)).toEqual([
        i3,
        i2,
      ]);

      // Every client reports the end at once: exactly one advance.
      const ended = await Promise.all(sockets.map((s) => emitAck(s, "video_ended", { room_id: code, video_id: VIDEO[0] })));
      expect(ended.filter((e) => e.advanced)).toHaveLength(1);
      for (const e of ended) expect(e.state).toMatchObject({ video_id: VIDEO[3], playing: true, queue: [{ id: i2 }] });
      // A stale report changes nothing.
      expect(await emitAck(bs, "video_ended", { room_id: code, video_id: VIDEO[0] })).toMatchObject({ success: true, advanced: false });

      // A late joiner gets the queue.
      const late = await sock("/youtube", host);
      expect((await emitAck(late, "join_room", { room_id: code })).state.queue.map((q: { id: string }) => q.id)).toEqual([i2]);
      late.close();

      // Skip: more than half of the 3 watching participants.
      const one = await emitAck(as, "vote_skip", { room_id: code });
      expect(one).toMatchObject({ skipped: false, state: { video_id: VIDEO[3], skip_votes: 1 } });
      expect((await emitAck(as, "vote_skip", { room_id: code })).state.skip_votes).toBe(1);
      const two = await emitAck(bs, "vote_skip", { room_id: code });
      expect(two).toMatchObject({ skipped: true, state: { video_id: VIDEO[2], skip_votes: 0, queue: [] } });
    },
  );
});

describe("a meeting's companion room", () => {
  it("has polls: the instructor asks, an invited student votes", { timeout: 180_000 }, async () => {
    const [prof, student] = await Promise.all([createUser({ role: "instructor" }), createUser({ role: "student" })]);
    const meeting = await createMeeting(prof, [student], { title: "Poll the class" });
    await action(prof, meeting.id, "start");
    await action(student, meeting.id, "join");
    const ps = await sock("/rooms", prof);
    const ss = await sock("/rooms", student);
    expect((await emitAck(ps, "join_room", { room_id: meeting.room_id })).success).toBe(true);
    expect((await emitAck(ss, "join_room", { room_id: meeting.room_id })).success).toBe(true);
    const poll = (await emitAck(ps, "create_poll", { room_id: meeting.room_id, question: "Ready?", options: ["yes", "no"] })).poll;
    expect(await emitAck(ss, "create_poll", { room_id: meeting.room_id, question: "Mine?", options: ["a", "b"] })).toMatchObject({
      code: "FORBIDDEN",
    });
    const voted = await emitAck(ss, "vote", { poll_id: poll.id, option_ids: [poll.options[0].id] });
    expect(voted.poll).toMatchObject({ total_voters: 1, my_vote: [poll.options[0].id] });
  });
});

describe("joining while the host changes the room", () => {
  // The browser test's guest once never saw the video: it joined while the host switched to
  // YouTube, its ack read the room before the switch and its socket entered the room after the
  // broadcast. Whatever the interleaving, the ack or a later event must carry the change.
  it("the join ack or a later mode_changed carries a mode set during the join", { timeout: 180_000 }, async () => {
    const { users, code, sockets } = await roomWith(2);
    const [, guest] = users as [TestUser, TestUser];
    const [hs] = sockets as [Socket, Socket];
    let mode = "chat";
    const missed: number[] = [];
    const RETRYABLE = ["UNAVAILABLE", "CONFLICT", "RATE_LIMITED"];
    let retried = 0;
    for (let round = 0; round < 30; round++) {
      const target = mode === "chat" ? "youtube" : "chat";
      const gs = await sock("/rooms", guest);
      const heard: string[] = [];
      gs.on("mode_changed", (p: Wire) => p.room_id === code && heard.push(p.mode));
      // Varied interleavings: the switch leaves 0 to 9 ms after the join.
      const joined = emitAck(gs, "join_room", { room_id: code });
      await new Promise((r) => setTimeout(r, round % 10));
      const [ack, set] = await Promise.all([joined, emitAck(hs, "set_mode", { room_id: code, mode: target })]);
      const refused = [ack, set].filter((a) => !a.success);
      if (refused.length) {
        // A loaded server may answer "try again" (a pool or lock timeout): what a client retries,
        // not the race under test. Anything else fails the test, with its code.
        expect(refused.map((a) => a.code).filter((c) => !RETRYABLE.includes(c))).toEqual([]);
        expect(++retried).toBeLessThan(10);
        if (set.success) mode = target;
        gs.close();
        continue;
      }
      // Events to one socket keep their order: once this one is in, an earlier mode_changed is too.
      const marker = nextEvent(gs, "controls_changed");
      await emitAck(hs, "set_controls", { room_id: code, controls: round % 2 ? "everyone" : "host" });
      await marker;
      if (ack.room.mode !== target && !heard.includes(target)) missed.push(round);
      mode = target;
      gs.close();
    }
    expect(missed).toEqual([]);
  });
});
