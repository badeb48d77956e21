import { describe, expect, it } from "vitest";
import { api, baseUrl, connect, createUser, unique, waitForDisconnect } from "../helpers/client";

describe("accounts: register and token", () => {
  it("registers a student by default and refuses a taken email or username", async () => {
    const username = unique("reg");
    const res = await api("/api/auth/register", { body: { email: `${username}@x.test`, username, password: "lantern-river-42" } });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username, role: "student", email: `${username}@x.test`, avatar_url: null });
    expect(res.body.user.password_hash).toBeUndefined();
    const again = await api("/api/auth/register", {
      body: { email: `${username}@x.test`, username: unique(), password: "lantern-river-42" },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ success: false, code: "CONFLICT" });
    expect(again.body.details?.email).toBeDefined();
  });

  it("names the failing fields in validation errors", async () => {
    const res = await api("/api/auth/register", { body: { email: "not-an-email", username: "x", password: "short" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(res.body.details ?? {}).sort()).toEqual(["email", "password", "username"]);
  });

  it("issues a token by username or email, and answers an unknown user exactly like a wrong password", async () => {
    const user = await createUser();
    const byEmail = await api("/api/auth/token", { body: { email: user.email, password: user.password } });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({ success: true, user: { id: user.id } });
    expect(new Date(byEmail.body.expires_at).getTime()).toBeGreaterThan(Date.now());

    const wrong = await api("/api/auth/token", { body: { username: user.username, password: "nope-nope" } });
    const unknown = await api("/api/auth/token", { body: { username: unique("ghost"), password: "nope-nope" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it("throttles an account after 10 failures, even with the right password, and unknown users alike", async () => {
    const user = await createUser();
    const ghost = unique("ghost");
    for (let i = 0; i < 10; i++) {
      expect((await api("/api/auth/token", { body: { username: user.username, password: `bad-${i}` } })).status).toBe(401);
      expect((await api("/api/auth/token", { body: { username: ghost, password: `bad-${i}` } })).status).toBe(401);
    }
    const locked = await api("/api/auth/token", { body: { username: user.username, password: user.password } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    const lockedGhost = await api("/api/auth/token", { body: { username: ghost, password: "whatever1" } });
    expect(lockedGhost.status).toBe(429);
    expect(lockedGhost.body).toEqual(locked.body);
    // The same account by email counts too.
    expect((await api("/api/auth/token", { body: { email: user.email, password: user.password } })).status).toBe(429);
  });

  it("refuses trivial, personal and common passwords with a reason, on sign-up and on change, changing nothing", async () => {
    const username = unique("pw");
    const email = `${username}@x.test`;
    const cases: [string, string][] = [
      ["password", "Too common: it is in lists of leaked passwords"],
      ["Password1", "Too common: it is in lists of leaked passwords"],
      ["qwertyuiop", "Too common: it is in lists of leaked passwords"],
      ["        ", "Too simple: use more different characters"],
      ["aaaaaaaaaa", "Too simple: use more different characters"],
      [`${username}!!`, "Must not contain your username or email"],
    ];
    for (const [password, reason] of cases) {
      const res = await api("/api/auth/register", { body: { email, username, password } });
      expect(res.status, password).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: "VALIDATION_ERROR", details: { password: [reason] } });
    }
    // Nothing was created: the same username registers now with a sound password.
    expect((await api("/api/auth/register", { body: { email, username, password: "lantern-river-42" } })).status).toBe(201);

    const user = await createUser();
    for (const [new_password, reason] of [
      ["iloveyou1", "Too common: it is in lists of leaked passwords"],
      [`my ${user.email}`, "Must not contain your username or email"],
    ]) {
      const res = await api("/api/me", { method: "PATCH", token: user.token, body: { current_password: user.password, new_password } });
      expect(res.status, new_password).toBe(400);
      expect(res.body.details).toEqual({ new_password: [reason] });
    }
    expect((await api("/api/me", { token: user.token })).status).toBe(200); // not revoked: nothing changed
  });

  it("lets the right password through from a known address while strangers' guesses lock the account", async () => {
    const user = await createUser();
    const home = { "x-forwarded-for": "10.200.1.1" };
    const attacker = { "x-forwarded-for": "10.200.2.2" };
    const signIn = (password: string, headers: Record<string, string>) =>
      api("/api/auth/token", { body: { username: user.username, password }, headers });
    expect((await signIn(user.password, home)).status).toBe(200); // the victim's usual machine
    for (let i = 0; i < 10; i++) expect((await signIn(`bad-${i}`, attacker)).status).toBe(401);
    // The attacker (or anyone new) is locked out, right password or not...
    const locked = await signIn(user.password, attacker);
    expect(locked.status).toBe(429);
    expect((await signIn(user.password, { "x-forwarded-for": "10.200.3.3" })).status).toBe(429);
    // ...the victim at home is not.
    const ok = await signIn(user.password, home);
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    // A known address has its own budget: guessing from there is throttled too.
    for (let i = 0; i < 10; i++) expect((await signIn(`bad-${i}`, home)).status).toBe(401);
    expect((await signIn(user.password, home)).status).toBe(429);
  });

  it("answers tokens, personal data and errors with Cache-Control: no-store", async () => {
    const user = await createUser();
    const token = await api("/api/auth/token", { body: { username: user.username, password: user.password } });
    const me = await api("/api/me", { token: user.token });
    const denied = await api("/api/me");
    const refused = await api("/api/auth/token", { body: { username: user.username, password: "wrong-one" } });
    for (const res of [token, me, denied, refused]) expect(res.headers.get("cache-control")).toBe("no-store");
    expect([token.status, me.status, denied.status, refused.status]).toEqual([200, 200, 401, 401]);
  });

  it("without a configured code (none in tests), an instructor sign-up is a student with a pending request", async () => {
    const username = unique("prof");
    const res = await api("/api/auth/register", {
      body: { email: `${username}@x.test`, username, password: "lantern-river-42", role: "instructor" },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ role: "student", instructor_requested: true, is_admin: false });
  });
});

describe("accounts: profile", () => {
  it("reads and updates my profile", async () => {
    const user = await createUser();
    const me = await api("/api/me", { token: user.token });
    expect(me.body.user).toMatchObject({ id: user.id, email: user.email, bio: "" });
    const upd = await api("/api/me", { method: "PATCH", token: user.token, body: { name: "Ada Lovelace", bio: "Maths" } });
    expect(upd.status).toBe(200);
    expect(upd.body.user).toMatchObject({ name: "Ada Lovelace", bio: "Maths" });
    const tooLong = await api("/api/me", { method: "PATCH", token: user.token, body: { bio: "x".repeat(501) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details?.bio).toBeDefined();
    expect((await api("/api/me", { token: user.token })).body.user.bio).toBe("Maths");
  });

  it("changes the password: old tokens die, sockets close, the new token works", async () => {
    const user = await createUser();
    const socket = await connect("/chat", { token: user.token });
    const closed = waitForDisconnect(socket);
    const wrong = await api("/api/me", {
      method: "PATCH",
      token: user.token,
      body: { current_password: "nope", new_password: "another-password" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details?.current_password).toBeDefined();

    const res = await api("/api/me", {
      method: "PATCH",
      token: user.token,
      body: { current_password: user.password, new_password: "another-password" },
    });
    expect(res.status).toBe(200);
    expect(typeof res.body.token).toBe("string");
    await closed;
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    expect((await api("/api/me", { token: res.body.token })).status).toBe(200);
    await expect(connect("/chat", { token: user.token })).rejects.toThrow("UNAUTHENTICATED");
  });

  it("deletes the account with password confirmation; every token and socket stops at once", async () => {
    const user = await createUser();
    const other = (await api("/api/auth/token", { body: { username: user.username, password: user.password } })).body.token as string;
    const socket = await connect("/rooms", { token: other });
    const closed = waitForDisconnect(socket);
    expect((await api("/api/me", { method: "DELETE", token: user.token, body: { password: "wrong" } })).status).toBe(400);
    expect((await api("/api/me", { token: user.token })).status).toBe(200);
    const del = await api("/api/me", { method: "DELETE", token: user.token, body: { password: user.password } });
    expect(del.status).toBe(200);
    await closed;
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    expect((await api("/api/me", { token: other })).status).toBe(401);
    expect((await api("/api/auth/token", { body: { username: user.username, password: user.password } })).status).toBe(401);
  });

  it("logout revokes every token of the user", async () => {
    const user = await createUser();
    expect((await api("/api/auth/logout", { method: "POST", token: user.token })).status).toBe(200);
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
  });
});

describe("accounts: users", () => {
  it("searches users and shows a profile with presence", async () => {
    const a = await createUser({ name: "Zebulon Quux" });
    const res = await api(`/api/users?q=zebulon`, { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { id: string }) => u.id)).toContain(a.id);
    expect(res.body.users[0]).toEqual({
      id: expect.any(String),
      username: expect.any(String),
      name: expect.any(String),
      avatar_url: null,
      role: expect.any(String),
    });

    const offline = await api(`/api/users/${a.id}`, { token: a.token });
    expect(offline.body.user).toMatchObject({ id: a.id, online: false });
    const socket = await connect("/chat", { token: a.token });
    // The snapshot comes once the presence store counted the socket.
    await new Promise((resolve) => socket.once("presence_snapshot", resolve));
    const online = await api(`/api/users/${a.id}/`, { token: a.token });
    expect(online.body.user).toMatchObject({ online: true, status: "online" });
    socket.close();
    expect((await api(`/api/users/nobody`, { token: a.token })).status).toBe(404);
    expect((await api(`/api/users`)).status).toBe(401);
  });
});

describe("auth: Bearer and cookies", () => {
  async function sessionCookie(user: { username: string; password: string }): Promise<string> {
    const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const csrfCookie = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
    const res = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ csrfToken, identifier: user.username, password: user.password, json: "true" }),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
    if (!session) throw new Error(`no session cookie (status ${res.status})`);
    return session.split(";")[0]!;
  }

  it("signs in through next-auth and uses the cookie; a present Bearer header is the only credential", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    const me = await api("/api/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    // A bad Bearer token is refused even with a valid cookie beside it.
    const bad = await api("/api/me", { headers: { cookie, authorization: "Bearer not-a-token" } });
    expect(bad.status).toBe(401);
    const notBearer = await api("/api/me", { headers: { cookie, authorization: "Basic abc" } });
    expect(notBearer.status).toBe(401);
  });

  it("refuses cookie-authenticated unsafe requests from a foreign or null Origin (CSRF)", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    const foreign = await api("/api/me", { method: "PATCH", body: { bio: "pwned" }, headers: { cookie, origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe("FORBIDDEN");
    const nullOrigin = await api("/api/me", { method: "PATCH", body: { bio: "pwned" }, headers: { cookie, origin: "null" } });
    expect(nullOrigin.status).toBe(403);
    const noOrigin = await api("/api/me", { method: "PATCH", body: { bio: "pwned" }, headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    const own = await api("/api/me", { method: "PATCH", body: { bio: "mine" }, headers: { cookie, origin: baseUrl() } });
    expect(own.status).toBe(200);
    expect((await api("/api/me", { token: user.token })).body.user.bio).toBe("mine");
    // Bearer requests need no Origin.
    expect(
      (await api("/api/me", { method: "PATCH", body: { bio: "api" }, token: user.token, headers: { origin: "https://evil.example" } }))
        .status,
    ).toBe(200);
  });

  it("accepts the session cookie on a socket handshake only from the app's own Origin", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    const ok = await connect("/chat", undefined, { extraHeaders: { cookie, origin: baseUrl() } });
    expect(ok.connected).toBe(true);
    ok.close();
    await expect(connect("/chat", undefined, { extraHeaders: { cookie, origin: "https://evil.example" } })).rejects.toThrow(
      "UNAUTHENTICATED",
    );
    await expect(connect("/chat", undefined, { extraHeaders: { cookie } })).rejects.toThrow("UNAUTHENTICATED");
  });

  it("signing out through next-auth revokes that user's sessions and tokens", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const csrfCookie = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
    const out = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}`, origin: baseUrl() },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(out.status).toBeLessThan(400);
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
  });
});
