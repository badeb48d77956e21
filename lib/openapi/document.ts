import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import type { Operation } from "./operation";
import { operations as allOperations } from "./registry";

type JsonSchema = Record<string, unknown> & {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return recordsAsObjects(out) as JsonSchema;
}

/**
 * A record keyed by an enum (zod: `propertyNames` + `required` + `additionalProperties`) as the
 * object with those properties it is: strict validators refuse `required` names that no
 * `properties` entry declares.
 */
function recordsAsObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(recordsAsObjects);
  if (!value || typeof value !== "object") return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recordsAsObjects(v)])) as JsonSchema;
  const keys = (out.propertyNames as { enum?: unknown[] } | undefined)?.enum;
  if (
    out.type === "object" &&
    !out.properties &&
    Array.isArray(keys) &&
    out.additionalProperties &&
    typeof out.additionalProperties === "object"
  ) {
    const item = out.additionalProperties;
    delete out.propertyNames;
    return { ...out, properties: Object.fromEntries(keys.map((k) => [String(k), item])), additionalProperties: false };
  }
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  400: "Invalid input (VALIDATION_ERROR, with `details`: field -> messages)",
  401: "Not signed in or token revoked (UNAUTHENTICATED)",
  403: "Not allowed (FORBIDDEN), or a cookie-authenticated unsafe request from another origin",
  404: "Not found (NOT_FOUND)",
  405: "Method not allowed (METHOD_NOT_ALLOWED)",
  409: "Conflicts with the current state (CONFLICT)",
  410: "Gone (GONE)",
  413: "Too large (PAYLOAD_TOO_LARGE)",
  415: "Unsupported media type (UNSUPPORTED_MEDIA_TYPE)",
  416: "Range not satisfiable (RANGE_NOT_SATISFIABLE, with Content-Range)",
  429: "Rate limited (RATE_LIMITED, with Retry-After)",
  500: "Server error (INTERNAL, never a stack trace)",
  501: "Not configured",
  503: "Unavailable (UNAVAILABLE, with Retry-After): the database is away, or the node is draining",
};

/** The contract's error envelope for one status: only the codes that status carries. */
function errorSchema(status: number): JsonSchema {
  const codes = (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((c) => ERROR_STATUS[c] === status);
  return {
    type: "object",
    required: ["success", "error", "code"],
    properties: {
      success: { const: false },
      error: { type: "string", description: "A sentence for a person" },
      code: codes.length === 1 ? { const: codes[0] } : { type: "string", enum: codes.length ? codes : Object.keys(ERROR_STATUS) },
      details: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    },
    additionalProperties: false,
  };
}

/** Statuses every error envelope can take (the components of the document). */
const ERROR_STATUSES = [...new Set(Object.values(ERROR_STATUS))].sort();

/**
 * `{success: true}` and the payload's fields as one object. A payload that is a union gets
 * `success` in each branch, so `additionalProperties: false` keeps its meaning (an `allOf` of two
 * closed objects accepts nothing).
 */
function withSuccess(payload: JsonSchema | undefined, success: JsonSchema): JsonSchema {
  if (!payload) return { type: "object", required: ["success"], properties: { success }, additionalProperties: false };
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = payload[key];
    if (Array.isArray(branches) && payload.type === undefined && !payload.properties) {
      return { ...payload, [key]: branches.map((b) => withSuccess(b, success)) };
    }
  }
  if (payload.type !== "object") throw new Error(`A JSON answer must be an object schema, got ${JSON.stringify(payload).slice(0, 120)}`);
  return {
    ...payload,
    properties: { success, ...(payload.properties ?? {}) },
    required: ["success", ...(payload.required ?? []).filter((r) => r !== "success")],
  };
}

function parameters(schema: z.ZodType | undefined, where: "query" | "path") {
  if (!schema) return [];
  const js = jsonSchema(schema, "input");
  const required = new Set(js.required ?? []);
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: s,
    ...(typeof s.description === "string" ? { description: s.description } : {}),
  }));
}

/**
 * Every refusal the operation can answer: its own, and the ones any operation of its kind gets
 * from the shared wrapper (input parsing, authentication, CSRF, body limits, database faults).
 */
export function errorStatuses(op: Operation): number[] {
  const set = new Set<number>(op.errors ?? []);
  if (op.body || op.query || op.params || op.multipart) set.add(400);
  if (op.auth !== "none") set.add(401);
  if (op.auth !== "none" && op.method !== "GET") set.add(403);
  if (op.params) set.add(404);
  if (op.body) (set.add(413), set.add(415));
  set.add(500);
  set.add(503);
  return [...set].sort();
}

function operationId(op: Operation): string {
  return `${op.method.toLowerCase()}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`;
}

export function buildOpenApi(ops: Operation[] = allOperations) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const status = op.status ?? 200;
    // An operation that produces a file may answer JSON too (the attendance report: JSON, or CSV
    // with ?format=csv): both are documented when it has a JSON response.
    const json = { "application/json": { schema: withSuccess(op.response && jsonSchema(op.response, "output"), { const: true }) } };
    const success: Record<string, unknown> = op.produces
      ? {
          description: STATUS_TEXT[status],
          content: { ...(op.response ? json : {}), [op.produces]: { schema: { type: "string", format: "binary" } } },
        }
      : { description: STATUS_TEXT[status], content: json };
    const responses: Record<string, unknown> = { [String(status)]: success };
    for (const code of errorStatuses(op)) {
      const extra = op.errorPayload?.[code];
      responses[String(code)] = extra
        ? {
            description: STATUS_TEXT[code] ?? "Error",
            content: { "application/json": { schema: mergeError(errorSchema(code), jsonSchema(extra, "output")) } },
          }
        : { $ref: `#/components/responses/Error${code}` };
    }
    const bodies = {
      ...(op.body ? { "application/json": { schema: jsonSchema(op.body, "input") } } : {}),
      ...(op.multipart ? { "multipart/form-data": { schema: jsonSchema(op.multipart, "input") } } : {}),
    };
    const requestBody = Object.keys(bodies).length ? { required: true, content: bodies } : undefined;
    const params = [...parameters(op.params, "path"), ...parameters(op.query, "query")];
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: operationId(op),
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.deprecated ? { deprecated: true } : {}),
      tags: op.tags,
      security:
        op.auth === "none" ? [] : op.auth === "optional" ? [{}, { bearer: [] }, { session: [] }] : [{ bearer: [] }, { session: [] }],
      ...(params.length ? { parameters: params } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Mem2gether API",
      version: "1.0.0",
      description:
        "JSON in and out, snake_case fields, ISO 8601 UTC timestamps. Success: `{success: true, ...}`; error: `{success: false, error, code, details?}` (every path under /api, unknown ones and wrong methods included). Every path answers with and without a trailing slash. Authenticate with `Authorization: Bearer <token>` from POST /api/auth/token or a personal access token (POST /api/tokens); browsers use the next-auth session cookie, and cookie-authenticated unsafe requests must come from the app's own Origin.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/" }],
    tags: [...new Set(ops.flatMap((o) => o.tags))].map((name) => ({ name, description: `${name[0]!.toUpperCase()}${name.slice(1)}` })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Token from POST /api/auth/token, or a personal access token" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session (next-auth)" },
      },
      schemas: Object.fromEntries(ERROR_STATUSES.map((s) => [`Error${s}`, errorSchema(s)])),
      responses: Object.fromEntries(
        ERROR_STATUSES.map((s) => [
          `Error${s}`,
          {
            description: STATUS_TEXT[s] ?? "Error",
            content: { "application/json": { schema: { $ref: `#/components/schemas/Error${s}` } } },
          },
        ]),
      ),
    },
  };
}

function mergeError(base: JsonSchema, extra: JsonSchema): JsonSchema {
  return {
    ...base,
    properties: { ...base.properties, ...(extra.properties ?? {}) },
    required: [...(base.required ?? []), ...(extra.required ?? [])],
  };
}
