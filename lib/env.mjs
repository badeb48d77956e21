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
  DATA_DIR: z.string().min(1).default(".data"),
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  UPLOADTHING_TOKEN: z.string().min(1).optional(),
  INSTRUCTOR_SIGNUP_CODE: z.string().min(1).optional(),
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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Trust X-Forwarded-For / -Proto from a reverse proxy (set it only behind one). */
  TRUST_PROXY: bool,
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(20),
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
  /** Serves /api/bench/constant, the constant-JSON baseline of `npm run bench`. */
  BENCH_ROUTES: bool,
});

/** @typedef {z.infer<typeof schema> & { NEXTAUTH_SECRET: string, APP_URL: string, UPLOAD_DIR: string, isProduction: boolean }} Env */

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
    isProduction,
  };
}

/** @type {Env | undefined} */
let cached;

/** Validated configuration, read once per process (module graph) from process.env. */
export function env() {
  // Next sets NEXT_PHASE while it builds (and imports route modules to collect page data).
  cached ??= parseEnv(process.env, { build: process.env.NEXT_PHASE === "phase-production-build" });
  return cached;
}
