import "server-only";
import { subscribe } from "@/lib/events/bus";
import { disconnectApiToken, disconnectUser } from "../registry";

/** Revoked sessions close the user's sockets, a revoked token the sockets it opened, on every namespace and node. */
export function registerAccountListeners(): () => void {
  const stops = [
    subscribe("accounts.sessions_revoked", ({ userId }) => disconnectUser(userId)),
    subscribe("accounts.api_token_revoked", ({ tokenId }) => disconnectApiToken(tokenId)),
  ];
  return () => stops.forEach((stop) => stop());
}
