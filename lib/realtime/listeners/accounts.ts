import "server-only";
import { subscribe } from "@/lib/events/bus";
import { disconnectUser } from "../registry";

/** Revoked sessions close the user's sockets, on every namespace and node. */
export function registerAccountListeners(): () => void {
  return subscribe("accounts.sessions_revoked", ({ userId }) => disconnectUser(userId));
}
