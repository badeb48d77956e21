// Building blocks for tests that run the real server: a throwaway database, and app nodes
// (one for the integration suite, two behind one Redis for the cluster suite).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { ensureBuild } from "../../lib/system/build";

export interface TestDatabase {
  url: string;
  /** Drop the database and stop the embedded cluster, if we started one. */
  dispose(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database on TEST_DATABASE_URL's server, or on an embedded PostgreSQL under `dir`. */
export async function createTestDatabase(dir = ".data/test-postgres"): Promise<TestDatabase> {
  const database = `m2g_test_${Date.now().toString(36)}_${process.pid}`;
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({ dir: path.resolve(dir), database: "postgres" });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, database),
    async dispose() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
      await cleanup.end();
      await embedded?.stop();
    },
  };
}

/**
 * The one production build every suite shares (npm test, the browser suite, the cluster suite and
 * the bench): built once, reused while no source changed (lib/system/build.ts).
 */
export const PROD_DIST_DIR = ".next-prod";

/** A production build in `distDir`, made unless a fresh one is there (nodes then share it). */
export function buildApp(distDir = PROD_DIST_DIR): void {
  ensureBuild(distDir, { quiet: true });
}

export interface NodeOptions {
  databaseUrl: string;
  mode?: "dev" | "prod";
  distDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Extra node flags (the bench's --cpu-prof). */
  nodeArgs?: string[];
}

export interface AppNode {
  baseUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  output(): string;
  /** Send a signal without waiting. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM (graceful) or SIGKILL (crash), and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startNode(options: NodeOptions): Promise<AppNode> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const dataDir = path.resolve(`.data/test-runs/${Date.now().toString(36)}_${port}`);
  mkdirSync(dataDir, { recursive: true });
  const prod = options.mode === "prod";
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "./scripts/register.mjs", "--import", "tsx", "server.ts", prod ? "--prod" : "--dev"],
    {
      env: {
        ...process.env,
        NODE_ENV: prod ? "production" : "development",
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: baseUrl,
        DATABASE_URL: options.databaseUrl,
        DATA_DIR: dataDir,
        NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
        NEXT_DIST_DIR: options.distDir ?? ".next-test",
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
        LOG_FORMAT: "json",
        SHUTDOWN_GRACE_MS: "0",
        // Test clients say who they are in X-Forwarded-For (tests/helpers/address.ts).
        TRUST_PROXY: "1",
        ...(prod ? { SKIP_BUILD: "1" } : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
    if (process.env.TEST_SERVER_OUTPUT) process.stderr.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));

  const deadline = Date.now() + 240_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r("wait"), 300))]);
    if (early !== "wait") throw new Error(`The server exited (code ${String(early)}):\n${output}`);
    const ready = await fetch(`${baseUrl}/api/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not become ready:\n${output}`);
    }
  }

  return {
    baseUrl,
    port,
    pid: child.pid!,
    dataDir,
    output: () => output,
    signal: (sig) => void child.kill(sig),
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        const code = await exited;
        clearTimeout(timer);
        rmSync(dataDir, { recursive: true, force: true });
        return code;
      }
      return child.exitCode;
    },
  };
}
