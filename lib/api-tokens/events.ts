// What the API tokens domain says happened (lib/events/bus.ts). Types only besides `publish`.
import { publish } from "@/lib/events/bus";

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** A personal access token was revoked: the sockets it opened close (lib/realtime/listeners/accounts.ts). */
    "accounts.api_token_revoked": { tokenId: string };
  }
}

export function apiTokenRevoked(tokenId: string): void {
  publish("accounts.api_token_revoked", { tokenId });
}
