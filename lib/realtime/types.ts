// Server-side socket types; what crosses the wire is in ./contract.ts (browser-safe).
import type { AuthUser } from "@/lib/accounts/service";
import type { Scope } from "@/lib/api-tokens/schemas";

export type { Ack, AckErr, AckFn, AckOk, InterServerEvents } from "./contract";

export interface SocketData {
  user: AuthUser;
  /** Handshake time, ms: the basis for "longest-present" and presence bookkeeping. */
  connectedAt: number;
  /** The caller's address at the handshake (lib/http/client-ip.ts), for per-address limits. */
  ip: string;
  /** Opened with a personal access token: its id (for revocation) and scopes (checked per event). */
  apiToken?: { id: string; scopes: Scope[] };
}
