import "server-only";
import type { OnlineStatus } from "@/lib/accounts/ports";
import { subscribe } from "@/lib/events/bus";
import { disconnectUser, isOnline } from "../registry";

/** Revoked sessions close the user's sockets, on every namespace and node. */
export function registerAccountListeners(): () => void {
  return subscribe("accounts.sessions_revoked", ({ userId }) => disconnectUser(userId));
}

/** The accounts domain's question to the socket layer (lib/accounts/ports.ts). */
export const onlineStatus: OnlineStatus = { isOnline };
