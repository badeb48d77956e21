// The server process itself: configuration refusal, and the embedded PostgreSQL lifecycle
// (started without DATABASE_URL, stopped on Ctrl-C, data kept across restarts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { buildApp, PROD_DIST_DIR } from "../setup/nodes";

const serverArgs = (mode: string) => ["--import", "./scripts/register.mjs", "--import", "tsx", "server.ts", mode];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  return env;
}

describe("server startup", () => {
  it("refuses to start in production without NEXTAUTH_SECRET, with a clear message", () => {
    const res = spawnSync(process.execPath, serverArgs("--prod"), {
      env: cleanEnv({ SKIP_BUILD: "1" }),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("NEXTAUTH_SECRET: required in production");
  });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "m2g-startup-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // The first boot is `npm run dev` as a newcomer runs it; the restart is `npm start` on the
  // shared production build (the embedded database's lifecycle is the same, and a second dev
  // compile would only cost time). Each dev boot gets its own Next build directory: Next's dev
  // lock is held by its worker processes, which a signal to the server alone does not reach as
  // quickly as Ctrl-C (the whole group) does.
  let boots = 0;
  async function boot(port: number, mode: "dev" | "prod" = "dev") {
    if (mode === "prod") buildApp();
    const child = spawn(process.execPath, serverArgs(mode === "prod" ? "--prod" : "--dev"), {
      env: {
        ...cleanEnv({
          PORT: String(port),
          HOST: "127.0.0.1",
          DATA_DIR: dataDir,
          NEXT_DIST_DIR: mode === "prod" ? PROD_DIST_DIR : `.next-startup-test-${++boots}`,
          LOG_FORMAT: "json",
        }),
        ...(mode === "prod"
          ? { NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123", SKIP_BUILD: "1", SHUTDOWN_GRACE_MS: "0" }
          : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    for (let i = 0; i < 240; i++) {
      if (child.exitCode !== null) throw new Error(out);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return { child, exited, output: () => out };
      await new Promise((r) => setTimeout(r, 500));
    }
    child.kill("SIGKILL");
    throw new Error(`did not start:\n${out}`);
  }

  const postmasterAlive = () => {
    const pidFile = path.join(dataDir, "postgres", "data", "postmaster.pid");
    if (!existsSync(pidFile)) return false;
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it("starts an embedded PostgreSQL without DATABASE_URL, stops it on SIGINT, and keeps the data", async () => {
    const port = await freePort();
    const first = await boot(port);
    expect(postmasterAlive()).toBe(true);
    const username = `keep${Date.now().toString(36)}`;
    const reg = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${username}@x.test`, username, password: "lantern-river-42" }),
    });
    expect(reg.status).toBe(201);

    // Without SMTP_URL, development writes each mail as an .eml under DATA_DIR/mail, listed at /dev/mail.
    const reset = await fetch(`http://127.0.0.1:${port}/api/auth/password-reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${username}@x.test` }),
    });
    expect(reset.status).toBe(200);
    const mailDir = path.join(dataDir, "mail");
    let eml: string | undefined;
    for (let i = 0; i < 200 && !eml; i++) {
      eml = existsSync(mailDir) ? readdirSync(mailDir).find((f) => f.endsWith(".eml")) : undefined;
      if (!eml) await new Promise((r) => setTimeout(r, 100));
    }
    const raw = readFileSync(path.join(mailDir, eml!), "utf8");
    expect(raw).toContain(`To: ${username}@x.test`);
    expect(raw).toContain("Subject: Reset your Mem2gether password");
    const page = await fetch(`http://127.0.0.1:${port}/dev/mail`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Reset your Mem2gether password");

    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(postmasterAlive()).toBe(false);

    const second = await boot(port, "prod");
    const tok = await fetch(`http://127.0.0.1:${port}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "lantern-river-42" }),
    });
    expect(tok.status).toBe(200);

    // Production without SMTP_URL starts, and what needs mail says so.
    const refused = await fetch(`http://127.0.0.1:${port}/api/auth/password-reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${username}@x.test` }),
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ success: false, code: "MAIL_NOT_CONFIGURED" });
    expect((await fetch(`http://127.0.0.1:${port}/dev/mail`)).status).toBe(404);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(postmasterAlive()).toBe(false);
  }, 300_000);
});
