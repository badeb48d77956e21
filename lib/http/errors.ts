import { ZodError } from "zod";

/** Machine codes of the contract (CONTRACT.md section 1) and the HTTP status each maps to. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  /** load_video with something that is not a YouTube URL or id (contract section 4). */
  INVALID_VIDEO: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
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
  /** Seconds, sent as Retry-After with RATE_LIMITED. */
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
  validation: (details: ErrorDetails, message = "The request is not valid") =>
    new ApiError("VALIDATION_ERROR", message, { details }),
  unauthenticated: (message = "Authentication required") => new ApiError("UNAUTHENTICATED", message),
  forbidden: (message = "You are not allowed to do this") => new ApiError("FORBIDDEN", message),
  notFound: (what = "Resource") => new ApiError("NOT_FOUND", `${what} not found`),
  conflict: (message: string, details?: ErrorDetails) => new ApiError("CONFLICT", message, { details }),
  gone: (message: string) => new ApiError("GONE", message),
  rateLimited: (retryAfter: number, message = "Too many requests, slow down") =>
    new ApiError("RATE_LIMITED", message, { retryAfter: Math.max(1, Math.ceil(retryAfter)) }),
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

const ADAPTER_UNREACHABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "P1001", "P1002", "P1017"]);

/** PostgreSQL down or restarting (connection refused, terminated by admin shutdown, pool timeout). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 6; depth++) {
    if (typeof e.code === "string" && UNREACHABLE_CODES.has(e.code)) return true;
    const original = (e as { originalCode?: unknown }).originalCode;
    if (typeof original === "string" && UNREACHABLE_CODES.has(original)) return true;
    if (typeof e.message === "string" && /ECONNREFUSED|Connection terminated|connection timeout|terminating connection|the database system is (shutting down|starting up)|DatabaseNotReachable|Can't reach database server/i.test(e.message)) {
      return true;
    }
    // Prisma's raw queries (P2010) carry the driver adapter's error under meta instead of cause.
    const adapter = (e as { meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } }).meta?.driverAdapterError?.cause;
    if (adapter && (ADAPTER_UNREACHABLE.has(String(adapter.kind)) || UNREACHABLE_CODES.has(String(adapter.code)))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Any thrown value as an ApiError; unknown errors become INTERNAL without leaking their text. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isDatabaseUnavailable(err)) return new ApiError("UNAVAILABLE", "The service is temporarily unavailable, please retry");
  if (typeof err === "object" && err && (err as { [API_ERROR]?: unknown })[API_ERROR] === true) {
    const other = err as ApiError;
    return new ApiError(other.code, other.message, { details: other.details, retryAfter: other.retryAfter });
  }
  if (err instanceof ZodError) return errors.validation(zodDetails(err));
  // Prisma's unique-constraint violation: a race another request won.
  if (typeof err === "object" && err && (err as { code?: unknown }).code === "P2002") {
    return errors.conflict("This already exists");
  }
  return new ApiError("INTERNAL", "Something went wrong on our side");
}
