import type { ErrorBody } from "./errors";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * What the custom server answers itself, before Next sees an /api request Next would answer in
 * plain text (a 500 for a path that does not decode, or for a method it does not route).
 */
export function earlyApiRefusal(
  method: string | undefined,
  pathname: string,
): { status: number; body: ErrorBody; headers?: Record<string, string> } | null {
  if (!pathname.startsWith("/api/") && pathname !== "/api") return null;
  if (!METHODS.has(method ?? "")) {
    return {
      status: 405,
      body: { success: false, error: `Method not allowed (${method})`, code: "METHOD_NOT_ALLOWED" },
      headers: { Allow: "GET, POST, PUT, PATCH, DELETE" },
    };
  }
  try {
    decodeURIComponent(pathname);
  } catch {
    return {
      status: 400,
      body: {
        success: false,
        error: "The path is not valid percent-encoding",
        code: "VALIDATION_ERROR",
        details: { path: ["Malformed percent-encoding"] },
      },
    };
  }
  return null;
}
