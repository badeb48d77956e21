// The one place configuration is read and validated. Imported by next.config.mjs (so a bad
// production config fails the build and `next start`) and by server.ts (so it fails at boot).
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** @param {string} network */
function validNetwork(network) {
  const [address, prefix, ...rest] = network.split("/");
  const family = isIP(address ?? "");
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Public origin of the app; used for CSRF and socket Origin checks and next-auth callbacks. */
  APP_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Unset: the app starts an embedded PostgreSQL under DATA_DIR/postgres. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  /** Connections per node in the pg pool Prisma uses. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATA_DIR: z.string().min(1).default(".data"),
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  UPLOADTHING_TOKEN: z.string().min(1).optional(),
  INSTRUCTOR_SIGNUP_CODE: z.string().min(1).optional(),
  /** Emails (comma-separated, any case) whose accounts are administrators, whatever `is_admin` says. */
  ADMIN_EMAILS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  /** Key prefix in Redis, so several deployments (or test runs) can share one server. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:-]+$/)
    .default("m2g"),
  JITSI_BASE_URL: z.url().default("https://meet.jit.si"),
  /** Jitsi with JWT authentication (a school's own Jitsi, or JaaS): both set, or neither. */
  JITSI_APP_ID: z.string().min(1).optional(),
  JITSI_APP_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  MEETING_LINK_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("Mem2gether"),
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Unset: `info`, or `warn` under vitest (NODE_ENV=test). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** `json` forces JSON lines; otherwise a development terminal gets pretty logs. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** On SIGTERM, time between readiness turning false and closing. Unset: 2000 in production, else 0. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** `npm start` without its "build when needed" step (tests and clusters build once up front). */
  SKIP_BUILD: bool,
  /** Next's build directory (next.config.mjs's distDir); the test suites build into their own. */
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
  /** Trust X-Forwarded-For / -Proto from a reverse proxy (set it only behind one). */
  TRUST_PROXY: bool,
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(20),
  /** How long a user whose last socket closed stays online (a reload shows no offline flicker). */
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Multiplies the per-user rate limits (docs/api.md). Benchmarks lift them with a large value. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /**
   * Addresses or networks (comma-separated, `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/48`)
   * exempt from the per-address limits, e.g. a campus NAT every student shares. Per-account
   * limits still apply to them.
   */
  RATE_LIMIT_EXEMPT_NETWORKS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(validNetwork), "must be IP addresses or CIDR networks, comma-separated"),
  /** Outgoing mail (smtp://user:pass@host:587 or smtps://...). Unset: development writes .eml files under DATA_DIR/mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** The From of every mail: an address, or `Name <address>`. */
  MAIL_FROM: z.string().min(3).default("Mem2gether <no-reply@localhost>"),
  /** Background jobs each node runs at once (mail, scheduled tasks). */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** Cron pattern of the cleanup of unused uploads (runs on one node per tick). */
  UPLOAD_CLEANUP_SCHEDULE: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, "must be a five-field cron pattern")
    .default("17 * * * *"),
  /**
   * School sign-in (OpenID Connect): on when the issuer, client id and secret are all set. The
   * identity provider redirects back to `${APP_URL}/api/auth/callback/oidc`.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button reads "Sign in with <OIDC_NAME>". */
  OIDC_NAME: z.string().min(1).max(60).default("School account"),
  /** An ID-token claim whose value (or one of whose values) `instructor` makes a new account an instructor. */
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  /** `false`: no password sign-in, token or sign-up; only school sign-in (which must then be configured). */
  PASSWORD_SIGNIN: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === undefined || v === "true" || v === "1"),
  /**
   * Webhook targets may resolve to private, loopback, link-local or other internal addresses
   * (docs/webhooks.md, "SSRF"). Off by default: only for a deployment whose receivers are internal.
   */
  WEBHOOK_ALLOW_PRIVATE: bool,
  /**
   * The first retry delay of a failed webhook delivery, in seconds; each next one doubles (capped at
   * 6 hours) until 24 hours have passed. Tests shorten it.
   */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** Serves /api/bench/constant, the constant-JSON baseline of `npm run bench`. */
  BENCH_ROUTES: bool,
});

/** @typedef {z.infer<typeof schema> & { NEXTAUTH_SECRET: string, APP_URL: string, UPLOAD_DIR: string, LOG_LEVEL: NonNullable<z.infer<typeof schema>["LOG_LEVEL"]>, isProduction: boolean }} Env */

/**
 * Development gets a random secret kept under DATA_DIR so sessions survive restarts;
 * production must be given one.
 * @param {string} dataDir
 */
function devSecret(dataDir) {
  const file = path.join(/* turbopackIgnore: true */ dataDir, "dev-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * @param {Record<string, string | undefined>} source
 * @param {{ build?: boolean }} [options] `build`: validating for `next build`, where runtime secrets
 *   may legitimately be absent (they are required when the server starts).
 * @returns {Env}
 */
export function parseEnv(source, options = {}) {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === "production";
  if (Boolean(env.JITSI_APP_ID) !== Boolean(env.JITSI_APP_SECRET)) {
    throw new Error("Invalid configuration:\n  - JITSI_APP_ID, JITSI_APP_SECRET: set both (JWT links) or neither (plain links)");
  }
  const oidcSet = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new Error("Invalid configuration:\n  - OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three (school sign-in) or none");
  }
  if (!env.PASSWORD_SIGNIN && oidcSet !== 3) {
    throw new Error(
      "Invalid configuration:\n  - PASSWORD_SIGNIN: false needs school sign-in (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or nobody can sign in",
    );
  }
  if (isProduction && !env.NEXTAUTH_SECRET && !options.build) {
    throw new Error(
      "Invalid configuration:\n  - NEXTAUTH_SECRET: required in production (at least 32 random characters, e.g. `openssl rand -base64 32`)",
    );
  }
  const dataDir = path.resolve(/* turbopackIgnore: true */ env.DATA_DIR);
  return {
    ...env,
    DATA_DIR: dataDir,
    UPLOAD_DIR: path.resolve(/* turbopackIgnore: true */ env.UPLOAD_DIR ?? path.join(dataDir, "uploads")),
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? (options.build ? "" : devSecret(dataDir)),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ""),
    LOG_LEVEL: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "warn" : "info"),
    OIDC_ISSUER: env.OIDC_ISSUER?.replace(/\/$/, ""),
    isProduction,
  };
}

/**
 * The database to use now. Read live, not from the cached env(): when DATABASE_URL is unset,
 * server.ts starts the embedded PostgreSQL and writes its URL into process.env, where the route
 * handlers' module graph (and Prisma's CLI, a child process) find it.
 * @returns {string | undefined}
 */
export function databaseUrl() {
  const value = process.env.DATABASE_URL || undefined;
  return value === undefined ? undefined : schema.shape.DATABASE_URL.parse(value);
}

/** @type {Env | undefined} */
let cached;

/** Validated configuration, read once per process (module graph) from process.env. */
export function env() {
  // Next sets NEXT_PHASE while it builds (and imports route modules to collect page data).
  cached ??= parseEnv(process.env, { build: process.env.NEXT_PHASE === "phase-production-build" });
  return cached;
}
