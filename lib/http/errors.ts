import { ZodError } from "zod";
import { isUniqueViolation } from "@/lib/db/errors";

/** Machine codes of the contract (CONTRACT.md section 1) and the HTTP status each maps to. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  /** load_video with something that is not a YouTube URL or id (contract section 4). */
  INVALID_VIDEO: 400,
  /** A password-reset token that is unknown, used or expired (contract section 8). */
  INVALID_TOKEN: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** Sign-in of an account an administrator deactivated (contract section 8). */
  ACCOUNT_DEACTIVATED: 403,
  /** Password sign-in, token or sign-up while PASSWORD_SIGNIN=false (school sign-in only). */
  PASSWORD_SIGNIN_DISABLED: 403,
  /** School sign-in whose ID token does not say the email is verified (/signin?error=). */
  OIDC_EMAIL_UNVERIFIED: 403,
  /** A room's host muted the sender for a while (contract section 9). */
  MUTED: 403,
  /** A personal access token used outside its scopes (contract section 12). */
  INSUFFICIENT_SCOPE: 403,
  /** Removed from a room with a ban: joins are refused (contract section 9). */
  BANNED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** A feature that sends mail, in production without SMTP_URL (contract section 8). */
  MAIL_NOT_CONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorDetails = Record<string, string[]>;

export interface ErrorBody {
  success: false;
  error: string;
  code: ErrorCode;
  details?: ErrorDetails;
}

// The custom server and Next's bundle each load this module, so an ApiError thrown by a singleton
// one graph created (the rate limiter on globalThis) is not `instanceof` the other's class. A
// registry-wide symbol marks every copy's instances.
const API_ERROR = Symbol.for("mem2gether.ApiError");

/** The one error type domain code throws; the HTTP and socket layers turn it into the contract's shape. */
export class ApiError extends Error {
  readonly [API_ERROR] = true;
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
  /** Seconds, sent as Retry-After (RATE_LIMITED, and UNAVAILABLE for database faults). */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, extra: { details?: ErrorDetails; retryAfter?: number } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = extra.details;
    this.retryAfter = extra.retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { success: false, error: this.message, code: this.code, ...(this.details ? { details: this.details } : {}) };
  }
}

export const errors = {
  validation: (details: ErrorDetails, message = "The request is not valid") => new ApiError("VALIDATION_ERROR", message, { details }),
  unauthenticated: (message = "Authentication required") => new ApiError("UNAUTHENTICATED", message),
  forbidden: (message = "You are not allowed to do this") => new ApiError("FORBIDDEN", message),
  notFound: (what = "Resource") => new ApiError("NOT_FOUND", `${what} not found`),
  conflict: (message: string, details?: ErrorDetails) => new ApiError("CONFLICT", message, { details }),
  gone: (message: string) => new ApiError("GONE", message),
  rateLimited: (retryAfter: number, message = "Too many requests, slow down") =>
    new ApiError("RATE_LIMITED", message, { retryAfter: Math.max(1, Math.ceil(retryAfter)) }),
  /** Retryable: the database is away or too busy right now. */
  unavailable: () => new ApiError("UNAVAILABLE", "The service is temporarily unavailable, please retry", { retryAfter: 1 }),
};

/** Field -> messages, from zod's issues ("body" for problems with the whole value). */
export function zodDetails(error: ZodError): ErrorDetails {
  const details: ErrorDetails = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "body";
    (details[key] ??= []).push(issue.message);
  }
  return details;
}

// PostgreSQL, pg, pg-pool and Prisma's names for "the database cannot serve us right now":
// refused or dropped connections, admin/crash shutdown and restarts (57P01, 57P02, 57P03), too many
// connections (53300), a pool exhausted past its wait or ended by a shutdown.
const ADAPTER_UNREACHABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "P1001",
  "P1002",
  "P1017",
  "P2037",
]);
const UNREACHABLE_MESSAGE =
  /ECONNREFUSED|Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|not queryable|Cannot use a pool after calling end|the database system is (shutting down|starting up|in recovery mode|not yet accepting connections|not accepting connections)|too many clients already|DatabaseNotReachable|Can't reach database server/i;
// Deadlock (40P01), serialization failure (40001), lock not available / lock timeout (55P03);
// Prisma reports the serialization failure as kind TransactionWriteConflict, P2034.
const CONFLICT_CODES = new Set(["40P01", "40001", "55P03", "P2034"]);
const ADAPTER_CONFLICT = new Set(["TransactionWriteConflict"]);

type Layer = { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

/**
 * The error and what it wraps: `cause` chains (pg-pool, Prisma's DriverAdapterError and its
 * converted cause) and Prisma's raw-query errors (P2010), which carry the driver adapter's error
 * under `meta.driverAdapterError` instead.
 */
function* layers(err: unknown): Generator<Layer> {
  const queue: unknown[] = [err];
  for (let seen = 0; queue.length && seen < 12; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const layer = e as Layer;
    yield layer;
    const adapter = (layer.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    if (adapter) queue.push(adapter);
    if (layer.cause) queue.push(layer.cause);
  }
}

const codesOf = (l: Layer) => [l.code, l.originalCode].filter((c): c is string => typeof c === "string");

/** PostgreSQL down, restarting or refusing connections, or the connection lost under a query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const l of layers(err)) {
    if (codesOf(l).some((c) => UNREACHABLE_CODES.has(c))) return true;
    if (typeof l.kind === "string" && ADAPTER_UNREACHABLE.has(l.kind)) return true;
    if (typeof l.message === "string" && UNREACHABLE_MESSAGE.test(l.message)) return true;
  }
  return false;
}

/**
 * A deadlock, serialization failure or lock timeout: the transaction was rolled back and the
 * same work retried has every chance to succeed. Callers that batch writes retry these; whatever
 * still fails is answered UNAVAILABLE (retryable), never INTERNAL.
 */
export function isTransientConflict(err: unknown): boolean {
  for (const l of layers(err)) {
    if (codesOf(l).some((c) => CONFLICT_CODES.has(c))) return true;
    if (typeof l.kind === "string" && ADAPTER_CONFLICT.has(l.kind)) return true;
  }
  return false;
}

/** Prisma's interactive transaction that expired or could not start in time (P2028): load, not a bug of the request. */
function isTransactionTimeout(err: unknown): boolean {
  return typeof err === "object" && !!err && (err as { code?: unknown }).code === "P2028";
}

/** Any thrown value as an ApiError; unknown errors become INTERNAL without leaking their text. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isDatabaseUnavailable(err) || isTransientConflict(err) || isTransactionTimeout(err)) return errors.unavailable();
  if (typeof err === "object" && err && (err as { [API_ERROR]?: unknown })[API_ERROR] === true) {
    const other = err as ApiError;
    return new ApiError(other.code, other.message, { details: other.details, retryAfter: other.retryAfter });
  }
  if (err instanceof ZodError) return errors.validation(zodDetails(err));
  // Prisma's unique-constraint violation: a race another request won.
  if (isUniqueViolation(err)) {
    return errors.conflict("This already exists");
  }
  return new ApiError("INTERNAL", "Something went wrong on our side");
}
