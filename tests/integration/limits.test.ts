import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, connect, createUser, emitAck, type TestUser } from "../helpers/client";
import { upload } from "../helpers/uploads";

// Per-account and per-address limits (docs/api.md, "Limits"). The test server trusts
// X-Forwarded-For, so each test picks the address its callers share.
const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const sharedAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

async function joinedSocket(user: TestUser, code: string, address: string) {
  const s = await connect("/rooms", { token: user.token }, { extraHeaders: { "x-forwarded-for": address } });
  open.push(s);
  expect((await emitAck(s, "join_room", { room_id: code })).success).toBe(true);
  return s;
}

describe("per-address limits", () => {
  it("caps messages from one address across accounts, and leaves other addresses alone", async () => {
    const users = await Promise.all(Array.from({ length: 14 }, () => createUser()));
    const created = await api("/api/rooms", { token: users[0]!.token, body: { name: "Shared address" } });
    const code = created.body.room.room_id as string;
    for (const u of users.slice(1)) expect((await api(`/api/rooms/${code}/join`, { method: "POST", token: u.token })).status).toBe(200);
    const address = sharedAddress();
    const crowd = await Promise.all(users.slice(0, 13).map((u) => joinedSocket(u, code, address)));
    const elsewhere = await joinedSocket(users[13]!, code, sharedAddress());

    // 13 accounts x 5 messages: each account within its 5 a second, the address over its 50.
    const acks = await Promise.all(
      crowd.flatMap((s, i) =>
        Array.from({ length: 5 }, (_, j) => emitAck(s, "send_message", { room_id: code, content: `crowd ${i}-${j}` })),
      ),
    );
    const refused = acks.filter((a) => !a.success);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.code === "RATE_LIMITED")).toBe(true);
    // Someone on another address is not slowed down by the crowd.
    const mine = await emitAck(elsewhere, "send_message", { room_id: code, content: "from elsewhere" });
    expect(mine.success).toBe(true);
    // Refused messages were not stored.
    const history = await api(`/api/rooms/${code}/messages?limit=100`, { token: users[0]!.token });
    expect(history.body.messages).toHaveLength(acks.length - refused.length + 1);
  });

  it("does not count addresses in RATE_LIMIT_EXEMPT_NETWORKS (a campus NAT), only their accounts", async () => {
    const users = await Promise.all(Array.from({ length: 13 }, () => createUser()));
    const created = await api("/api/rooms", { token: users[0]!.token, body: { name: "Campus NAT" } });
    const code = created.body.room.room_id as string;
    for (const u of users.slice(1)) expect((await api(`/api/rooms/${code}/join`, { method: "POST", token: u.token })).status).toBe(200);
    const campus = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const crowd = await Promise.all(users.map((u) => joinedSocket(u, code, campus)));
    const acks = await Promise.all(
      crowd.flatMap((s, i) =>
        Array.from({ length: 5 }, (_, j) => emitAck(s, "send_message", { room_id: code, content: `campus ${i}-${j}` })),
      ),
    );
    expect(acks.filter((a) => !a.success)).toEqual([]);
    // Each account still has its own 5 a second.
    const sixth = await Promise.all(
      Array.from({ length: 3 }, () => emitAck(crowd[0]!, "send_message", { room_id: code, content: "more" })),
    );
    expect(sixth.some((a) => a.code === "RATE_LIMITED")).toBe(true);
  });

  it("caps sign-in attempts per address (right password or not) without touching other addresses", async () => {
    const user = await createUser();
    const address = sharedAddress();
    const attempt = (password: string, from = address) =>
      api("/api/auth/token", { body: { username: user.username, password }, headers: { "x-forwarded-for": from } });
    // 30 a minute per address: wrong guesses for unknown accounts use the budget up...
    for (let i = 0; i < 30; i++) {
      const r = await api("/api/auth/token", {
        body: { username: `nobody${i}`, password: "guess" },
        headers: { "x-forwarded-for": address },
      });
      expect(r.status).toBe(401);
    }
    // ...so the right password from that address is refused for now, with Retry-After.
    const blocked = await attempt(user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The account itself is not locked: another address signs in.
    expect((await attempt(user.password, sharedAddress())).status).toBe(200);
  });

  it("caps uploads per account", async () => {
    const user = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await upload(user, Buffer.from(`note ${i}\n`), { name: `n${i}.txt`, type: "text/plain" })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe("X-Forwarded-For handling", () => {
  it("uses the entry our proxy appended, not ones the client wrote before it", async () => {
    const user = await createUser();
    const address = sharedAddress();
    // A client forging a leading entry still counts under the address the proxy saw (the last).
    for (let i = 0; i < 30; i++) {
      await api("/api/auth/token", {
        body: { username: `ghost${i}`, password: "x" },
        headers: { "x-forwarded-for": `1.2.3.${i}, ${address}` },
      });
    }
    const r = await api("/api/auth/token", {
      body: { username: user.username, password: user.password },
      headers: { "x-forwarded-for": `9.9.9.9, ${address}` },
    });
    expect(r.status).toBe(429);
  });
});
