// One way to emit with an acknowledgement from the browser. The typed sockets' event maps accept
// any payload (the server validates), so this is the single place that steps around their types.
type AckSocket = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };

/** The server's ack, or null when there is no socket or it did not answer within `timeoutMs`. */
export async function emitAck<T>(
  socket: object | null | undefined,
  event: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<T | null> {
  if (!socket) return null;
  try {
    return (await (socket as AckSocket).timeout(timeoutMs).emitWithAck(event, payload)) as T;
  } catch {
    return null;
  }
}

/** What a refused ack means to the user: `ackErrorText(t, ack.code)` (never the server's `error`). */
export { errorText as ackErrorText } from "@/lib/client/error-text";
