// What the accounts domain says happened (lib/events/bus.ts). Types only besides `publish`.
import { publish } from "@/lib/events/bus";

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** Every token of the user stopped working: their open sockets must close (lib/realtime/listeners/accounts.ts). */
    "accounts.sessions_revoked": { userId: string };
  }
}

export function sessionsRevoked(userId: string): void {
  publish("accounts.sessions_revoked", { userId });
}
