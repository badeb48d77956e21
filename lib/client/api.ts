// Browser calls to our own API (same origin: the session cookie and Origin go along, which
// the API's CSRF check requires for unsafe methods). Errors come back in the contract's shape.
import type { ErrorBody } from "@/lib/http/errors";

export type ApiResult<T> =
  | { ok: true; status: number; data: T & { success: true } }
  | { ok: false; status: number; error: ErrorBody | null; network?: boolean; retryAfter?: number };

export async function apiFetch<T = Record<string, unknown>>(
  path: string,
  options: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: options.body === undefined ? undefined : { "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch {
    return { ok: false, status: 0, error: null, network: true };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    /* not JSON: treated as an error below */
  }
  if (res.ok && json && typeof json === "object" && (json as { success?: unknown }).success === true) {
    return { ok: true, status: res.status, data: json as T & { success: true } };
  }
  const error = json && typeof json === "object" && (json as { success?: unknown }).success === false ? (json as ErrorBody) : null;
  const retry = Number(res.headers.get("retry-after"));
  return { ok: false, status: res.status, error, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined };
}
