import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { CLIENT_IP_HEADER } from "./client-ip";
import { singleton } from "@/lib/system/singleton";

export interface RequestContext {
  /** The caller's address (see client-ip.ts), for per-address limits. */
  ip: string;
}

// One store for both module graphs (server.ts and Next's bundle).
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    requestContext: AsyncLocalStorage<RequestContext>;
  }
}
const store = singleton("requestContext", () => new AsyncLocalStorage<RequestContext>());

/**
 * Runs `fn` as the work of one request or socket event. The HTTP wrapper and the socket event
 * wrapper set it, so domain rules (rate limits) see who is calling without threading it through.
 */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return store.run(context, fn);
}

/** Runs `fn` as the work of this HTTP request (the address server.ts resolved for it). */
export function runForRequest<T>(req: Request, fn: () => T): T {
  return runInRequest({ ip: req.headers.get(CLIENT_IP_HEADER) ?? "unknown" }, fn);
}

export function currentRequest(): RequestContext | undefined {
  return store.getStore();
}
