import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticateRequest, type Authenticated } from "@/lib/auth/authenticate";
import { requiredScopes, scopeAllows } from "@/lib/api-tokens/scopes";
import { insufficientScope } from "@/lib/api-tokens/service";
import type { AuthUser } from "@/lib/accounts/service";
import { logger } from "@/lib/log/logger";
import type { HttpMethod, Operation } from "@/lib/openapi/operation";
import { ApiError, errors, toApiError, zodDetails } from "./errors";
import { assertCleanText } from "./input";
import { runForRequest } from "./request-context";

const MAX_JSON_BYTES = 1024 * 1024;

type Infer<T> = [NonNullable<T>] extends [never] ? undefined : NonNullable<T> extends z.ZodType ? z.output<NonNullable<T>> : undefined;

export interface Context<O extends Operation> {
  req: NextRequest;
  requestId: string;
  log: typeof logger;
  body: Infer<O["body"]>;
  query: Infer<O["query"]>;
  params: Infer<O["params"]>;
  /** Present when the operation requires auth. */
  user: O["auth"] extends "required" ? AuthUser : AuthUser | null;
  auth: Authenticated | null;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteFn = (req: NextRequest, ctx: RouteContext) => Promise<Response>;

export function json(body: Record<string, unknown>, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function errorResponse(err: unknown, requestId?: string): Response {
  const apiError = toApiError(err);
  const headers = new Headers();
  if (requestId) headers.set("x-request-id", requestId);
  if (apiError.retryAfter) headers.set("Retry-After", String(apiError.retryAfter));
  headers.set("Cache-Control", "no-store");
  return Response.json(apiError.toBody(), { status: apiError.status, headers });
}

async function readJson(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is too large");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is too large");
  if (!text.trim()) return {};
  const type = req.headers.get("content-type") ?? "";
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type) && !type.startsWith("text/plain")) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send JSON (Content-Type: application/json)");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw errors.validation({ body: ["Malformed JSON"] }, "The request body is not valid JSON");
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, message: string): z.output<S> {
  assertCleanText(value);
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(zodDetails(result.error), message);
  return result.data;
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/**
 * The one wrapper every route handler goes through: request id and logging, authentication,
 * parsing with the operation's schemas, and any thrown error turned into the contract's JSON.
 */
export function handle<O extends Operation>(op: O, fn: (ctx: Context<O>) => Promise<Record<string, unknown> | Response>): RouteFn {
  return (req, routeCtx) => runForRequest(req, () => run(req, routeCtx));
  async function run(req: NextRequest, routeCtx: RouteContext) {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const log = logger.child({ requestId, method: req.method, path: new URL(req.url).pathname });
    const started = performance.now();
    let status = 500;
    try {
      const auth = op.auth === "none" ? null : await authenticateRequest(req);
      if (op.auth === "required" && !auth) throw errors.unauthenticated();
      if (auth?.scopes && !scopeAllows(auth.scopes, op)) throw insufficientScope(requiredScopes(op));
      const rawParams = routeCtx?.params ? await routeCtx.params : {};
      const params = op.params ? parseWith(op.params, rawParams, "Invalid path parameters") : undefined;
      const query = op.query ? parseWith(op.query, queryObject(new URL(req.url)), "Invalid query parameters") : undefined;
      const body = op.body ? parseWith(op.body, await readJson(req), "The request body is not valid") : undefined;
      const ctx = { req, requestId, log, body, query, params, user: auth?.user ?? null, auth } as Context<O>;
      const result = await fn(ctx);
      const response = result instanceof Response ? result : json({ success: true, ...result }, op.status ?? 200);
      response.headers.set("x-request-id", requestId);
      // API answers carry tokens and personal data: no browser or proxy may keep them.
      if (!response.headers.has("cache-control")) response.headers.set("Cache-Control", "no-store");
      status = response.status;
      return response;
    } catch (err) {
      const apiError = toApiError(err);
      status = apiError.status;
      if (status >= 500) log.error({ err }, "request failed");
      return errorResponse(apiError, requestId);
    } finally {
      log.info({ status, ms: Math.round(performance.now() - started) }, "request");
    }
  }
}

const ALL: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** A route module's exports: the given methods, and a contract 405 for every other one. */
export function routes(map: Partial<Record<HttpMethod, RouteFn>>): Record<HttpMethod, RouteFn> {
  const allow = Object.keys(map).join(", ");
  const notAllowed: RouteFn = async () =>
    json({ success: false, error: `Method not allowed (allowed: ${allow})`, code: "METHOD_NOT_ALLOWED" }, 405, { Allow: allow });
  return Object.fromEntries(ALL.map((m) => [m, map[m] ?? notAllowed])) as Record<HttpMethod, RouteFn>;
}
