import { describe, expect, inject, it } from "vitest";
import { api, connect, createUser, unique, waitForDisconnect } from "../helpers/client";
import { refusals, resetToken, waitForMails } from "../helpers/mail";
import { withDb } from "../helpers/seed";

// Account recovery over HTTP, with the mail read from a real SMTP server (tests/setup/smtp.ts).
const smtpDir = () => inject("smtpDir");
const reset = (email: string, headers: Record<string, string> = {}) => api("/api/auth/password-reset", { body: { email }, headers });
const confirm = (token: string, password: string) => api("/api/auth/password-reset/confirm", { body: { token, password } });

describe("password reset", () => {
  it("mails a one-hour single-use link; the reset kills every session, token and socket", async () => {
    const user = await createUser({ name: "Ada" });
    const socket = await connect("/chat", { token: user.token });

    const known = await reset(user.email.toUpperCase());
    const unknown = await reset(`${unique("ghost")}@example.test`);
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual({ success: true });
    expect(unknown.body).toEqual(known.body);

    const [mail] = await waitForMails(smtpDir(), user.email);
    expect(mail!.subject).toBe("Reset your Mem2gether password");
    expect(mail!.from?.text).toContain("no-reply@mem2gether.test");
    expect(mail!.text).toContain("Hello Ada,");
    const token = resetToken(mail!);
    expect(mail!.text).toContain(`/reset-password?token=${token}`);
    expect(mail!.html).toContain(`href="${inject("baseUrl")}/reset-password?token=${token}"`);
    expect(mail!.html).toContain("#4f46e5");
    // Only the hash is stored.
    const rows = await withDb((db) => db.query("select token_hash, expires_at from password_reset_tokens where user_id = $1", [user.id]));
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].token_hash).not.toContain(token);
    const ttl = new Date(rows.rows[0].expires_at).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(55 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);

    // Bad input changes nothing.
    expect((await confirm("not-a-token", "a new password 1")).body.code).toBe("INVALID_TOKEN");
    const short = await confirm(token, "short");
    expect(short.status).toBe(400);
    expect(short.body.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(short.body.details ?? {})).toEqual(["password"]);
    // A common password is refused like at sign-up, and the link still works afterwards.
    const common = await confirm(token, "iloveyou123");
    expect(common.status).toBe(400);
    expect(common.body.details).toEqual({ password: [expect.stringMatching(/^Too common/)] });
    expect((await api("/api/me", { token: user.token })).status).toBe(200);

    const gone = waitForDisconnect(socket);
    const ok = await confirm(token, "a new password 1");
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    await gone;
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    expect((await api("/api/auth/token", { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await api("/api/auth/token", { body: { email: user.email, password: "a new password 1" } })).status).toBe(200);

    const again = await confirm(token, "another password 2");
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ success: false, code: "INVALID_TOKEN" });
  });

  it("writes in the user's language, refuses an expired link, and limits requests per address and per email", async () => {
    const user = await createUser({ name: "Zoé" });
    expect((await api("/api/me", { method: "PATCH", token: user.token, body: { locale: "fr" } })).status).toBe(200);
    await reset(user.email);
    const [mail] = await waitForMails(smtpDir(), user.email);
    expect(mail!.subject).toBe("Réinitialisez votre mot de passe Mem2gether");
    expect(mail!.text).toContain("Bonjour Zoé,");
    expect(mail!.html).toContain('lang="fr"');

    await withDb((db) =>
      db.query("update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = $1", [user.id]),
    );
    expect((await confirm(resetToken(mail!), "a new password 1")).body.code).toBe("INVALID_TOKEN");
    expect((await api("/api/me", { token: user.token })).status).toBe(200);

    // Per email (3 an hour, counted whether or not the account exists): the 4th is refused.
    const ghost = `${unique("ghost")}@example.test`;
    for (const email of [user.email, ghost]) {
      for (let i = user.email === email ? 1 : 0; i < 3; i++) expect((await reset(email)).status).toBe(200);
      const limited = await reset(email);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe("RATE_LIMITED");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Per address (20 an hour), whatever the emails.
    const from = { "x-forwarded-for": "10.250.1.1" };
    for (let i = 0; i < 20; i++) expect((await reset(`${unique("many")}@example.test`, from)).status).toBe(200);
    expect((await reset(`${unique("many")}@example.test`, from)).status).toBe(429);

    const bad = await reset("not-an-email");
    expect(bad.status).toBe(400);
    expect(bad.body.details?.email).toBeDefined();
  });

  it("retries a mail the SMTP server refused", async () => {
    const username = unique("retry");
    const email = `${username}+smtpfail@example.test`;
    expect((await api("/api/auth/register", { body: { email, username, password: "correct horse battery" } })).status).toBe(201);
    expect((await reset(email)).status).toBe(200);
    const mails = await waitForMails(smtpDir(), email, 1, 30_000);
    expect(mails).toHaveLength(1);
    expect(refusals(smtpDir(), email)).toBe(1);
  });
});
