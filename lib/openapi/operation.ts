import type { z } from "zod";
import type { Scope } from "@/lib/api-tokens/schemas";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type AuthMode = "none" | "optional" | "required";

/**
 * One HTTP operation: the schemas its handler parses with are the ones /api/openapi.json
 * documents, so the two cannot drift apart.
 */
export interface Operation<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
  A extends AuthMode = AuthMode,
> {
  method: HttpMethod;
  /** OpenAPI path template, e.g. /api/users/{id}. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  body?: B;
  /** Multipart bodies are read by the handler itself (streams); documented, not parsed here. */
  multipart?: z.ZodType;
  query?: Q;
  params?: P;
  /** Success payload (the fields beside `success: true`). */
  response?: R;
  status?: number;
  /** Extra error statuses worth documenting beyond the common ones. */
  errors?: number[];
  /** A non-JSON success response, e.g. text/csv or the file bytes. */
  produces?: string;
  /** Fields an error answer of that status carries beside the envelope (e.g. readiness on 503). */
  errorPayload?: Partial<Record<number, z.ZodType>>;
  /** An alias kept for the seeds' documented paths: documented, marked deprecated. */
  deprecated?: boolean;
  /**
   * The scope a personal access token needs (lib/api-tokens/scopes.ts): unset derives it from the
   * method and tags; null refuses every personal access token.
   */
  scope?: Scope | null;
}

export function defineOperation<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
  const A extends AuthMode = AuthMode,
>(op: Operation<B, Q, P, R, A>): Operation<B, Q, P, R, A> {
  return op;
}
