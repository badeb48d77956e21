// One HTTP server: Next for pages and /api, Socket.IO (five namespaces) on /socket.io.
// Run with `npm run dev` or `npm start` (node --import ./scripts/register.mjs --import tsx).
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { databaseUrl, env as loadEnv } from "./lib/env.mjs";
import { ensureBuild } from "./lib/system/build";
import { CLIENT_IP_HEADER, resolveClientIp } from "./lib/http/client-ip";
import { earlyApiRefusal } from "./lib/http/early";

// Written for Next, which reads them itself (NODE_ENV also picks its mode), before lib/env.mjs
// validates the rest: the only process.env accesses outside lib/env.mjs besides next-auth's below.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.argv.includes("--dev");
const prod = process.argv.includes("--prod");
if (prod) (process.env as Record<string, string>).NODE_ENV = "production";
else if (dev || !process.env.NODE_ENV) (process.env as Record<string, string>).NODE_ENV = "development";

let config: ReturnType<typeof loadEnv>;
try {
  config = loadEnv();
} catch (err) {
  console.error(`\n${(err as Error).message}\n`);
  process.exit(1);
}

// Imported after the environment is validated: these modules read it.
const { logger } = await import("./lib/log/logger");
const { startEmbeddedPostgres } = await import("./lib/db/embedded");
const { migrateDeploy } = await import("./lib/db/migrate");
const { disconnectDb } = await import("./lib/db/prisma");
const { createRealtime } = await import("./lib/realtime/server");
const { attachNamespaces } = await import("./lib/realtime/attach");
const { setDraining } = await import("./lib/system/status");
const { connectRedis, getRedis } = await import("./lib/redis/client");
const { redisAdapter } = await import("./lib/realtime/redis-adapter");
const { MemoryRateLimiter, setRateLimiter } = await import("./lib/rate-limit");
const { RedisRateLimiter } = await import("./lib/rate-limit/redis");
const { setPresenceStore } = await import("./lib/chat/presence");
const { RedisPresenceStore } = await import("./lib/chat/presence-redis");
const { NodeSocketSets } = await import("./lib/redis/node-sets");
const { RedisSocketCap, setSocketCap } = await import("./lib/realtime/socket-cap");
const { composeApp } = await import("./lib/app/compose");

const log = logger.child({ component: "server" });

async function main() {
  // `npm start` builds when there is no build, or when sources changed since the last one.
  if (prod && !config.SKIP_BUILD) {
    try {
      if (ensureBuild(config.NEXT_DIST_DIR)) log.info("built the app (next build)");
    } catch (err) {
      log.fatal({ err }, "next build failed");
      process.exit(1);
    }
  }

  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!databaseUrl()) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.DATA_DIR, "postgres"),
      database: "mem2gether",
      log: (m) => log.debug({ pg: m }, "postgres"),
      notice: (m) => log.warn(m),
    });
    // Written for the route handlers' module graph and Prisma's CLI (lib/env.mjs databaseUrl()).
    process.env.DATABASE_URL = embedded.url;
    log.info({ ms: Date.now() - started, dir: path.join(config.DATA_DIR, "postgres") }, "embedded PostgreSQL started");
  }
  const applied = await migrateDeploy(databaseUrl()!, (line) => log.debug({ prisma: line }, "migrate"));
  log.info({ applied }, "database schema up to date");

  // next-auth reads these from the environment in places we do not call directly.
  process.env.NEXTAUTH_URL ??= config.APP_URL;
  process.env.NEXTAUTH_SECRET ??= config.NEXTAUTH_SECRET;

  const app = next({ dev: !prod, hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const server = createServer((req, res) => {
    // Contract: /api paths answer with and without a trailing slash, without a redirect.
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname.startsWith("/api/") && pathname.length > 5 && pathname.endsWith("/")) {
      req.url = pathname.replace(/\/+$/, "") + (q < 0 ? "" : url.slice(q));
    }
    // Contract: every /api path answers the JSON envelope, even where Next would answer plain text.
    const refusal = earlyApiRefusal(req.method, pathname);
    if (refusal) {
      res.writeHead(refusal.status, { "content-type": "application/json", ...refusal.headers });
      res.end(JSON.stringify(refusal.body));
      return;
    }
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.headers, req.socket.remoteAddress, config.TRUST_PROXY);
    const id = req.headers["x-request-id"];
    if (typeof id !== "string" || !/^[\w-]{8,64}$/.test(id)) req.headers["x-request-id"] = randomUUID();
    handle(req, res).catch((err) => {
      log.error({ err }, "unhandled request error");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: false, error: "Something went wrong on our side", code: "INTERNAL" }));
    });
  });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io")) void upgrade(req, socket, head);
  });

  // Several nodes: Socket.IO broadcasts and shared limits go through Redis (docs/deploy.md).
  let adapter: Parameters<typeof createRealtime>[2];
  if (config.REDIS_URL) {
    const redis = await connectRedis(config.REDIS_URL);
    adapter = redisAdapter(redis);
    setRateLimiter(new RedisRateLimiter(redis, new MemoryRateLimiter()));
    const sets = new NodeSocketSets(redis, config.REDIS_PREFIX);
    setPresenceStore(new RedisPresenceStore(sets, config.PRESENCE_GRACE_MS));
    setSocketCap(new RedisSocketCap(sets));
    log.info("redis connected: cluster mode");
  }
  const io = createRealtime(server, attachNamespaces(), adapter);
  const services = await composeApp({ databaseUrl: databaseUrl()! });

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  log.info({ url: `http://localhost:${port}`, mode: prod ? "production" : "development" }, "Mem2gether is ready");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Readiness goes false first so a load balancer stops sending new work here.
    setDraining(true);
    await services.stop().catch((err: unknown) => log.warn({ err }, "stopping services failed"));
    const grace = config.SHUTDOWN_GRACE_MS ?? (prod ? 2000 : 0);
    if (grace) await new Promise((r) => setTimeout(r, grace));
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close().catch(() => {});
    await disconnectDb().catch(() => {});
    await getRedis()
      ?.quit()
      .catch(() => {});
    await embedded?.stop().catch((err: unknown) => log.warn({ err }, "embedded PostgreSQL stop failed"));
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  log.fatal({ err }, "failed to start");
  process.exit(1);
});
