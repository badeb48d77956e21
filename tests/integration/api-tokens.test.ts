// Personal access tokens (CONTRACT.md section 12): shown once, hashed at rest, scoped, revocable at
// once (sockets too), last_used_at, and refused everywhere outside their scopes.
import { describe, expect, it } from "vitest";
import { adminToken, api, connect, createUser, emitAck, unique, waitForDisconnect, type TestUser } from "../helpers/client";
import { createChannel } from "../helpers/chat";
import { withDb } from "../helpers/seed";

async function tokenFor(user: TestUser | string, scopes: string[], extra: Record<string, unknown> = {}) {
  const token = typeof user === "string" ? user : user.token;
  type Created = { token: string; api_token: { id: string; scopes: string[]; expires_at: string | null; last_used_at: string | null } };
  const res = await api<Created>("/api/tokens", { token, body: { name: unique("script "), scopes, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe("personal access tokens", () => {
  it("are shown once, stored hashed, listed without their secret, and act as their account", async () => {
    const user = await createUser();
    const created = await tokenFor(user, ["read"], { expires_in_days: 30 });
    expect(created.token).toMatch(/^m2g_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.api_token).toMatchObject({ scopes: ["read"], last_used_at: null });
    expect(Date.parse(created.api_token.expires_at!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const rows = await withDb((db) => db.query("select secret_hash from api_tokens where id = $1", [created.api_token.id]));
    expect(rows.rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows.rows)).not.toContain(created.token);

    const list = await api("/api/tokens", { token: user.token });
    expect(list.body.api_tokens.map((t: { id: string }) => t.id)).toEqual([created.api_token.id]);
    expect(JSON.stringify(list.body)).not.toContain(created.token);

    const me = await api("/api/me", { token: created.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    const after = await api("/api/tokens", { token: user.token });
    expect(after.body.api_tokens[0].last_used_at).not.toBeNull();
  });

  it("refuse every call outside their scopes with 403 INSUFFICIENT_SCOPE, changing nothing", async () => {
    const teacher = await createUser({ role: "instructor" });
    const reader = await tokenFor(teacher, ["read"]);
    const writer = await tokenFor(teacher, ["chat:write"]);
    const channel = await createChannel(teacher, { name: unique("PAT "), type: "public" });

    const send = (token: string) => api(`/api/channels/${channel.slug}/messages`, { token, body: { content: "from a script" } });
    const refused = await send(reader.token);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ success: false, code: "INSUFFICIENT_SCOPE" });
    expect((await api(`/api/channels/${channel.slug}/messages`, { token: reader.token })).body.messages).toEqual([]);
    expect((await send(writer.token)).status).toBe(201);
    // chat:write alone does not read, nor create rooms or meetings
    expect((await api(`/api/channels/${channel.slug}/messages`, { token: writer.token })).body.code).toBe("INSUFFICIENT_SCOPE");
    expect((await api("/api/rooms", { token: writer.token, body: { name: "No" } })).body.code).toBe("INSUFFICIENT_SCOPE");
    // the account's own settings and its tokens: never with a personal access token
    for (const res of [
      await api("/api/me", { method: "PATCH", token: reader.token, body: { bio: "x" } }),
      await api("/api/tokens", { token: reader.token, body: { name: "escalate", scopes: ["read", "chat:write"] } }),
      await api("/api/tokens", { token: reader.token }),
    ])
      expect(res.body.code).toBe("INSUFFICIENT_SCOPE");
    expect((await api("/api/tokens", { token: teacher.token })).body.api_tokens).toHaveLength(2);
    // administration needs `admin`, which only administrators can grant
    expect((await api("/api/admin/users", { token: reader.token })).body.code).toBe("INSUFFICIENT_SCOPE");
    const notAdmin = await api("/api/tokens", { token: teacher.token, body: { name: "admin", scopes: ["admin"] } });
    expect(notAdmin.status).toBe(403);
    const admin = await tokenFor(await adminToken(), ["admin"]);
    expect((await api("/api/admin/users?limit=1", { token: admin.token })).status).toBe(200);
  });

  it("refuse bad input with the contract's errors and create nothing", async () => {
    const user = await createUser();
    for (const body of [
      {},
      { name: "", scopes: ["read"] },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["everything"] },
      { name: "x", scopes: ["read", "read"] },
      { name: "x", scopes: ["read"], expires_in_days: 0 },
      { name: "x", scopes: ["read"], expires_in_days: 10_000 },
      { name: "x", scopes: ["read"], extra: true },
    ]) {
      const res = await api("/api/tokens", { token: user.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
    }
    expect((await api("/api/tokens", { token: user.token })).body.api_tokens).toEqual([]);
    const other = await createUser();
    const mine = await tokenFor(user, ["read"]);
    expect((await api(`/api/tokens/${mine.api_token.id}`, { method: "DELETE", token: other.token })).status).toBe(404);
    expect((await api("/api/me", { token: mine.token })).status).toBe(200);
  });

  it("an expired or unknown token answers 401", async () => {
    const user = await createUser();
    const expiring = await tokenFor(user, ["read"], { expires_in_days: 1 });
    await withDb((db) => db.query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [expiring.api_token.id]));
    expect((await api("/api/me", { token: expiring.token })).status).toBe(401);
    expect((await api("/api/me", { token: "m2g_pat_not-a-real-one" })).status).toBe(401);
  });

  it("revoking closes the sockets the token opened, at once, and their events follow the scopes", async () => {
    const teacher = await createUser({ role: "instructor" });
    const channel = await createChannel(teacher, { name: unique("PAT socket "), type: "public" });
    const reader = await tokenFor(teacher, ["read"]);
    const writer = await tokenFor(teacher, ["read", "chat:write"]);
    const noRead = await tokenFor(teacher, ["chat:write"]);
    await expect(connect("/chat", { token: noRead.token })).rejects.toThrow("INSUFFICIENT_SCOPE");

    const r = await connect("/chat", { token: reader.token });
    const w = await connect("/chat", { token: writer.token });
    const session = await connect("/chat", { token: teacher.token });
    expect(await emitAck(r, "join_channel", { channel: channel.slug })).toMatchObject({ success: true });
    expect(await emitAck(r, "send_message", { channel: channel.slug, content: "no" })).toMatchObject({
      success: false,
      code: "INSUFFICIENT_SCOPE",
    });
    expect(await emitAck(w, "send_message", { channel: channel.slug, content: "yes" })).toMatchObject({ success: true });

    const gone = waitForDisconnect(r);
    expect((await api(`/api/tokens/${reader.api_token.id}`, { method: "DELETE", token: teacher.token })).status).toBe(200);
    expect(await gone).toBe("io server disconnect");
    expect((await api("/api/me", { token: reader.token })).status).toBe(401);
    await expect(connect("/chat", { token: reader.token })).rejects.toThrow("UNAUTHENTICATED");
    // the other token's socket and the session's stay
    expect(w.connected && session.connected).toBe(true);
    expect(await emitAck(w, "send_message", { channel: channel.slug, content: "still here" })).toMatchObject({ success: true });
    for (const s of [w, session]) s.close();
  });
});
