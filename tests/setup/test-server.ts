// Starts what the tests talk to: a fresh PostgreSQL database (embedded by default, or on the
// server TEST_DATABASE_URL points at) and the real app server on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";

export interface TestServer {
  baseUrl: string;
  databaseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startTestServer(options: { extraEnv?: Record<string, string> } = {}): Promise<TestServer> {
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const database = `m2g_test_${id}`;
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({ dir: path.resolve(".data/test-postgres"), database: "postgres" });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, database);

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dataDir = path.resolve(`.data/test-runs/${id}`);
  mkdirSync(dataDir, { recursive: true });
  const mode = process.env.TEST_SERVER_MODE === "prod" ? "--prod" : "--dev";
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "./scripts/register.mjs", "--import", "tsx", "server.ts", mode],
    {
      env: {
        ...process.env,
        NODE_ENV: mode === "--prod" ? "production" : "development",
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: baseUrl,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
        NEXT_DIST_DIR: process.env.TEST_NEXT_DIST_DIR ?? ".next-test",
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
        LOG_FORMAT: "json",
        SHUTDOWN_GRACE_MS: "0",
        ...options.extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.TEST_SERVER_OUTPUT) process.stderr.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 240_000;
  let ready = false;
  while (Date.now() < deadline) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r("wait"), 500))]);
    if (early !== "wait") throw new Error(`The test server exited (code ${String(early)}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      const body = (await res.json()) as { database?: { reachable?: boolean } };
      if (res.ok && body.database?.reachable) {
        ready = true;
        break;
      }
    } catch {
      /* not listening yet */
    }
  }
  if (!ready) {
    child.kill("SIGKILL");
    throw new Error(`The test server did not become ready:\n${output}`);
  }

  return {
    baseUrl,
    databaseUrl,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
      await cleanup.end();
      await embedded?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
