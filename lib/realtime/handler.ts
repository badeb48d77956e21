import "server-only";
import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import type { z } from "zod";
import { errors, toApiError, zodDetails } from "@/lib/http/errors";
import { assertCleanText } from "@/lib/http/input";
import { runInRequest } from "@/lib/http/request-context";
import { logger } from "@/lib/log/logger";
import type { Ack, SocketData } from "./types";

export interface EventContext {
  socket: Socket<never, never, never, SocketData>;
  user: SocketData["user"];
  requestId: string;
  log: typeof logger;
}

type AnySocket = Socket<never, never, never, SocketData>;

/**
 * Register one client event: validate the payload with its schema, run the domain, and always
 * answer the ack in the contract's shape. A bad payload changes nothing and gets VALIDATION_ERROR.
 */
export function onEvent<S extends z.ZodType, R extends object>(
  socket: AnySocket,
  event: string,
  schema: S,
  fn: (data: z.output<S>, ctx: EventContext) => Promise<R> | R,
): void {
  (socket as unknown as Socket).on(event, (payload: unknown, maybeAck?: unknown) => runInRequest({ ip: socket.data.ip }, () => handleEvent(payload, maybeAck)));
  async function handleEvent(payload: unknown, maybeAck?: unknown) {
    const ack = (typeof maybeAck === "function" ? maybeAck : typeof payload === "function" ? payload : undefined) as
      | ((r: Ack<R>) => void)
      | undefined;
    const requestId = randomUUID();
    const log = logger.child({ requestId, ns: socket.nsp.name, event, userId: socket.data.user.id });
    try {
      const input = typeof payload === "function" ? undefined : payload;
      assertCleanText(input);
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw errors.validation(zodDetails(parsed.error), "The event payload is not valid");
      const result = await fn(parsed.data, { socket, user: socket.data.user, requestId, log });
      ack?.({ success: true, ...result });
      log.debug("event");
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status >= 500) log.error({ err }, "event failed");
      else log.debug({ code: apiError.code }, "event refused");
      ack?.(apiError.toBody());
    }
  }
}
