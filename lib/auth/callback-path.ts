// Shared by the server (requireUser) and the sign-in form: no server-only imports.

/** Only paths of this app are followed after sign-in (no open redirect). */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/api/")) return fallback;
  return value;
}
