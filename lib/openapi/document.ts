import { z } from "zod";
import { ERROR_STATUS } from "@/lib/http/errors";
import type { Operation } from "./operation";
import { operations as allOperations } from "./registry";

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  400: "Invalid input (VALIDATION_ERROR, with `details`: field -> messages)",
  401: "Not signed in or token revoked (UNAUTHENTICATED)",
  403: "Not allowed (FORBIDDEN)",
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
  503: "Unavailable",
};

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

function errorStatuses(op: Operation): number[] {
  const set = new Set<number>(op.errors ?? []);
  if (op.body || op.query || op.params || op.multipart) set.add(400);
  if (op.auth === "required") set.add(401);
  if (op.params) set.add(404);
  set.add(500);
  return [...set].sort();
}

export function buildOpenApi(ops: Operation[] = allOperations) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const success: Record<string, unknown> = op.produces
      ? { description: STATUS_TEXT[op.status ?? 200], content: { [op.produces]: { schema: { type: "string", format: "binary" } } } }
      : {
          description: STATUS_TEXT[op.status ?? 200],
          content: {
            "application/json": {
              schema: {
                allOf: [
                  { type: "object", properties: { success: { const: true } }, required: ["success"] },
                  ...(op.response ? [jsonSchema(op.response, "output")] : []),
                ],
              },
            },
          },
        };
    const responses: Record<string, unknown> = { [String(op.status ?? 200)]: success };
    for (const status of errorStatuses(op)) {
      responses[String(status)] = {
        description: STATUS_TEXT[status] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    const requestBody = op.body
      ? { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } }
      : op.multipart
        ? { required: true, content: { "multipart/form-data": { schema: jsonSchema(op.multipart, "input") } } }
        : undefined;
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: `${op.method.toLowerCase()}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      security:
        op.auth === "none" ? [] : op.auth === "optional" ? [{}, { bearer: [] }, { session: [] }] : [{ bearer: [] }, { session: [] }],
      parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query")],
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
        "JSON in and out, snake_case fields, ISO 8601 UTC timestamps. Success: `{success: true, ...}`; error: `{success: false, error, code, details?}`. Every path answers with and without a trailing slash. Authenticate with `Authorization: Bearer <token>` from POST /api/auth/token (browsers use the next-auth session cookie; cookie-authenticated unsafe requests must come from the app's own Origin).",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(ops.flatMap((o) => o.tags))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Token from POST /api/auth/token" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session (next-auth)" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["success", "error", "code"],
          properties: {
            success: { const: false },
            error: { type: "string", description: "A sentence for a person" },
            code: { type: "string", enum: Object.keys(ERROR_STATUS) },
            details: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          },
        },
      },
    },
  };
}
