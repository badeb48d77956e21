// Which scope a call needs when it comes with a personal access token. A session or a password
// token has every right of its account; a personal access token only its scopes.
import type { Operation } from "@/lib/openapi/operation";
import type { Scope } from "./schemas";

const WRITE_SCOPES_BY_TAG: Record<string, Scope[]> = {
  chat: ["chat:write"],
  rooms: ["rooms:write"],
  // Attachments and room photos alike.
  uploads: ["chat:write", "rooms:write"],
  meetings: ["meetings:write"],
  // An instructor's integrations; an administrator's token may use `admin` instead.
  webhooks: ["meetings:write", "admin"],
};

/**
 * The scopes of which an operation needs one, or null when no personal access token may call it (the account's
 * own settings and its tokens: only the person, signed in, manages those). Administration needs
 * `admin` to read as well; elsewhere reading needs `read`, writing the domain's write scope.
 */
export function requiredScopes(op: Pick<Operation, "method" | "tags" | "scope">): Scope[] | null {
  if (op.scope !== undefined) return op.scope && [op.scope];
  if (op.tags.includes("administration")) return ["admin"];
  if (op.method === "GET") return ["read"];
  for (const tag of op.tags) if (WRITE_SCOPES_BY_TAG[tag]) return WRITE_SCOPES_BY_TAG[tag];
  return null;
}

/** Whether a personal access token with `granted` may call the operation. */
export function scopeAllows(granted: readonly Scope[], op: Pick<Operation, "method" | "tags" | "scope">): boolean {
  return requiredScopes(op)?.some((s) => granted.includes(s)) ?? false;
}

/** Socket events that only read (opening a channel or a room's views); every other event writes. */
const READING_EVENTS = new Set(["join_room", "join_channel", "leave_channel", "time_sync", "mark_delivered", "mark_read", "set_idle"]);

/** The scope a socket event needs on a namespace (`read` opens the connection itself). */
export function socketEventScope(namespace: string, event: string): Scope {
  if (READING_EVENTS.has(event)) return "read";
  return namespace === "/chat" ? "chat:write" : "rooms:write";
}
