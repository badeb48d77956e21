import "server-only";
import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import type { z } from "zod";
import { env } from "@/lib/env.mjs";
import { errors, toApiError, zodDetails } from "@/lib/http/errors";
import { assertCleanText } from "@/lib/http/input";
import { runInRequest } from "@/lib/http/request-context";
import { logger } from "@/lib/log/logger";
import { socketEventScope } from "@/lib/api-tokens/scopes";
import { insufficientScope } from "@/lib/api-tokens/service";
import type { Ack, ClientEvent } from "./contract";
import type { SocketData } from "./types";

export interface EventContext {
  user: SocketData["user"];
  requestId: string;
  log: typeof logger;
}

// Any namespace's socket: its listen map is the contract's (lib/realtime/contract.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ListenMap = Record<string, ClientEvent<any, object>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ContractSocket<L extends ListenMap> = Socket<L, any, any, SocketData>;
type SchemaOf<F> = F extends { readonly __schema?: infer S } ? S : never;
type AckOf<F> = F extends { readonly __ack?: infer A } ? A : never;

/**
 * Every connection's own budget of events, whatever they are (docs/api.md, "Limits"): a token
 * bucket of 40 refilled at 20 a second, scaled by RATE_LIMIT_SCALE. Messages and reactions have
 * their own per-account and per-address limits on top; this one keeps a client that floods
 * cheap-looking events (joins, seeks, read markers: each a database write) from taking the
 * node's time from everyone else. Node-local on purpose: it is per connection.
 */
export const EVENT_BUDGET = { burst: 40, perSecond: 20 } as const;
const buckets = new WeakMap<object, { tokens: number; at: number }>();

function takeEventToken(socket: object): boolean {
  const scale = env().RATE_LIMIT_SCALE;
  const burst = EVENT_BUDGET.burst * scale;
  const now = Date.now();
  const bucket = buckets.get(socket) ?? { tokens: burst, at: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * EVENT_BUDGET.perSecond * scale);
  bucket.at = now;
  buckets.set(socket, bucket);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/**
 * Register one client event: validate the payload with its schema, run the domain, and always
 * answer the ack in the contract's shape. A bad payload changes nothing and gets VALIDATION_ERROR.
 */
export function onEvent<L extends ListenMap, E extends keyof L & string>(
  socket: ContractSocket<L>,
  event: E,
  schema: SchemaOf<L[E]> & z.ZodType,
  fn: (data: z.output<SchemaOf<L[E]> & z.ZodType>, ctx: EventContext) => Promise<AckOf<L[E]>> | AckOf<L[E]>,
): void {
  type R = AckOf<L[E]>;
  // What actually arrives is untrusted: the raw listener takes unknowns and the schema decides.
  const raw: Socket = socket;
  raw.on(event as string, (payload: unknown, maybeAck?: unknown) =>
    runInRequest({ ip: socket.data.ip }, () => handleEvent(payload, maybeAck)),
  );
  async function handleEvent(payload: unknown, maybeAck?: unknown) {
    const ack = (typeof maybeAck === "function" ? maybeAck : typeof payload === "function" ? payload : undefined) as
      ((r: Ack<R>) => void) | undefined;
    const requestId = randomUUID();
    const log = logger.child({ requestId, ns: socket.nsp.name, event, userId: socket.data.user.id });
    try {
      if (!takeEventToken(socket)) throw errors.rateLimited(1 / EVENT_BUDGET.perSecond, "Too many events on this connection, slow down");
      const token = socket.data.apiToken;
      if (token) {
        const needed = socketEventScope(socket.nsp.name, event);
        if (!token.scopes.includes(needed)) throw insufficientScope([needed]);
      }
      const input = typeof payload === "function" ? undefined : payload;
      assertCleanText(input);
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw errors.validation(zodDetails(parsed.error), "The event payload is not valid");
      const result = await fn(parsed.data, { user: socket.data.user, requestId, log });
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
