import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, baseUrl, connect, emitAck, unique } from "../helpers/client";
import { seedUsers } from "../helpers/seed";

// A lecture hall: hundreds of students behind one NAT address, under the default limits
// (RATE_LIMIT_SCALE=1, the hall's address not exempt). Sign-ins count against the address only
// when they fail (docs/api.md, "Limits").
const HALL = 300;
const open: Socket[] = [];
afterAll(() => {
  for (const s of open.splice(0)) s.close();
});

/** An address of its own per test (outside the exempt 192.0.2.0/24 of the test server). */
const hallAddress = () => `100.64.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

/** Runs `fn` over `items`, `width` at a time (a hall arriving together, not one by one). */
async function inWaves<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** The next-auth browser sign-in (csrf, then the credentials callback) from `address`. */
async function sessionSignIn(
  address: string,
  identifier: string,
  password: string,
): Promise<{ status: number; cookie?: string; error?: string }> {
  const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { "x-forwarded-for": address } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": address },
    body: new URLSearchParams({ csrfToken, identifier, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? (new URL(body.url, baseUrl()).searchParams.get("error") ?? undefined) : undefined;
  return { status: res.status, cookie: session?.split(";")[0], error };
}

describe("a lecture hall behind one address", () => {
  it(
    `signs in ${HALL} students from one address, lets them open the chat and join a room; failures are still cut`,
    { timeout: 240_000 },
    async () => {
      const address = hallAddress();
      const from = { "x-forwarded-for": address };
      const password = "lecture hall password";

      // The hall's accounts exist (written straight into the database: sign-up is not what is
      // measured here, and 300 argon2 hashes would take minutes on two cores)...
      const students = (await seedUsers(HALL, { password })).map((u) => ({ id: u.id, username: u.username }));

      // ...and signs in from it, within the minute of the per-address window: ten times the
      // address's 30, all answered. A few use the browser's session sign-in instead of a token.
      const tokens = await inWaves(students, 16, async (s, i) => {
        if (i % 30 === 0) {
          const session = await sessionSignIn(address, s.username, password);
          expect(session.error).toBeUndefined();
          expect(session.cookie).toBeTruthy();
        }
        const r = await api("/api/auth/token", { body: { username: s.username, password }, headers: from });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.body.token as string;
      });
      expect(tokens.filter(Boolean)).toHaveLength(HALL);

      // Opening the chat (sidebar, a /chat socket, the course channel) and joining the lecture's room.
      const teacher = tokens[0]!;
      const channel = await api("/api/channels", { token: teacher, body: { name: "Lecture hall", type: "public" }, headers: from });
      expect(channel.status).toBe(201);
      const slug = channel.body.channel.slug as string;
      const room = await api("/api/rooms", { token: teacher, body: { name: "Lecture" }, headers: from });
      const code = room.body.room.room_id as string;
      // (A third of the hall: enough to pass every per-address budget several times over, and the
      // suite's time goes to the sign-ins, which are the point.)
      const opening = tokens.slice(0, HALL / 3);
      await inWaves(opening, 16, async (token) => {
        expect((await api("/api/channels", { token, headers: from })).status).toBe(200);
        const chat = await connect("/chat", { token }, { extraHeaders: from });
        open.push(chat);
        expect(await emitAck(chat, "join_channel", { channel: slug })).toMatchObject({ success: true });
        expect((await api(`/api/rooms/${code}/join`, { method: "POST", token, headers: from })).status).toBe(200);
        const rooms = await connect("/rooms", { token }, { extraHeaders: from });
        open.push(rooms);
        expect(await emitAck(rooms, "join_room", { room_id: code })).toMatchObject({ success: true });
      });
      const members = await api(`/api/channels/${slug}`, { token: teacher, headers: from });
      expect(members.body.channel.member_count).toBe(opening.length);

      // Wrong passwords from the hall still use its budget up: 30 failures, then refused...
      for (let i = 0; i < 30; i++) {
        const r = await api("/api/auth/token", { body: { username: students[i]!.username, password: "a typo" }, headers: from });
        expect(r.status).toBe(401);
      }
      const cut = await api("/api/auth/token", { body: { username: students[30]!.username, password: "a typo" }, headers: from });
      expect(cut.status).toBe(429);
      expect(cut.body.code).toBe("RATE_LIMITED");
      expect(Number(cut.headers.get("retry-after"))).toBeGreaterThan(0);
      // ...and the session sign-in says RATE_LIMITED too (the form shows it).
      expect((await sessionSignIn(address, students[31]!.username, "a typo")).error).toBe("RATE_LIMITED");
      // Nothing is verified from that address until the window moves on, right password or not.
      expect((await api("/api/auth/token", { body: { username: students[32]!.username, password }, headers: from })).status).toBe(429);
      // The accounts are not locked: a correct password still works from elsewhere, and the
      // students already signed in keep working.
      const elsewhere = await api("/api/auth/token", {
        body: { username: students[0]!.username, password },
        headers: { "x-forwarded-for": hallAddress() },
      });
      expect(elsewhere.status).toBe(200);
      expect((await api("/api/me", { token: tokens[1]!, headers: from })).status).toBe(200);
    },
  );

  it("cuts a burst of guesses sent at once at the limit, give or take the few verified together", async () => {
    const address = hallAddress();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        api("/api/auth/token", {
          body: { username: `nobody-${unique()}-${i}`, password: "guess" },
          headers: { "x-forwarded-for": address },
        }),
      ),
    );
    const failed = answers.filter((a) => a.status === 401).length;
    const refused = answers.filter((a) => a.status === 429).length;
    expect(failed + refused).toBe(60);
    // 30 failures a minute per address; at most 4 sign-ins of one address are checked at once.
    expect(failed).toBeGreaterThanOrEqual(30);
    expect(failed).toBeLessThanOrEqual(33);
  });
});
