// The browser's two ways to use a typed socket (lib/realtime/contract.ts): emit with an ack, and
// listen to server events. Both are typed per namespace from the contract, so a renamed event or
// field fails the typecheck here as on the server.
import type { Socket } from "socket.io-client";
import type { Ack, AckData, ClientEventName, NamespaceName, Payload, ServerEvents } from "@/lib/realtime/contract";
import type { NamespaceSocket } from "./RealtimeProvider";

/** What the server answered, or a local TIMEOUT/OFFLINE refusal in the same shape. */
export type AckResult<N extends NamespaceName, E extends ClientEventName<N>> = Ack<AckData<N, E>>;

/** A refusal made here, not by the server: no answer in time, or no socket. */
export type LocalRefusal = { success: false; error: string; code: "TIMEOUT" | "OFFLINE" };
export const TIMEOUT: LocalRefusal = { success: false, error: "timeout", code: "TIMEOUT" };
export const OFFLINE: LocalRefusal = { success: false, error: "offline", code: "OFFLINE" };

/** The server's ack, or null when there is no socket or it did not answer within `timeoutMs`. */
export async function emitAck<N extends NamespaceName, E extends ClientEventName<N>>(
  socket: NamespaceSocket<N> | null | undefined,
  event: E,
  payload: Payload<N, E>,
  timeoutMs = 10_000,
): Promise<AckResult<N, E> | null> {
  if (!socket) return null;
  // Socket.IO's ack typing needs a non-optional ack parameter; the contract's is optional (a
  // client may fire and forget). The event and payload were checked above: only the call is untyped.
  const untyped: Socket = socket as Socket;
  try {
    return (await untyped.timeout(timeoutMs).emitWithAck(event, payload)) as AckResult<N, E>;
  } catch {
    return null;
  }
}

/** Handlers for some of a namespace's server events, each typed by the contract. */
export type ServerHandlers<N extends NamespaceName> = { [E in keyof ServerEvents<N>]?: ServerEvents<N>[E] };

/** Listen to several server events at once; returns what stops listening. */
export function listen<N extends NamespaceName>(socket: NamespaceSocket<N>, handlers: ServerHandlers<N>): () => void {
  const untyped: Socket = socket as Socket;
  const entries = Object.entries(handlers) as [string, (...args: unknown[]) => void][];
  for (const [event, fn] of entries) untyped.on(event, fn);
  return () => {
    for (const [event, fn] of entries) untyped.off(event, fn);
  };
}

/** What a refused ack means to the user: `ackErrorText(t, ack.code)` (never the server's `error`). */
export { errorText as ackErrorText } from "@/lib/client/error-text";
