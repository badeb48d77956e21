// Domains say what happened; whoever cares (the realtime layer, mail, webhooks) listens. A domain
// imports this module only, never a listener: the composition root (lib/app/compose.ts) wires them.
import { setSingleton, singleton } from "@/lib/system/singleton";

/**
 * Every domain event by name, with its payload. Each domain declares its own in
 * `lib/<domain>/events.ts` by augmenting this interface:
 *
 *   declare module "@/lib/events/bus" {
 *     interface DomainEvents { "chat.message_created": { message: ChatMessageJson; channelId: string } }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in each lib/<domain>/events.ts
export interface DomainEvents {}

export type DomainEventName = keyof DomainEvents & string;
// What a listener returns is ignored, but a promise: its rejection is reported.
export type Listener<K extends DomainEventName> = (payload: DomainEvents[K]) => unknown;

type Listeners = Map<string, Set<(payload: never) => void | Promise<void>>>;

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    domainListeners: Listeners;
    domainEventErrors: (event: string, err: unknown) => void;
  }
}

const listeners = () => singleton("domainListeners", () => new Map());

/**
 * Tell every listener, synchronously and in subscription order, so that events published in order
 * (stored messages, say) are heard in that order. A listener's failure (thrown or rejected) is
 * reported and never reaches the domain: what happened has happened.
 */
export function publish<K extends DomainEventName>(event: K, payload: DomainEvents[K]): void {
  const set = listeners().get(event);
  if (!set) return;
  for (const listener of set) {
    try {
      const result = (listener as Listener<K>)(payload);
      if (result && typeof (result as Promise<void>).catch === "function")
        (result as Promise<void>).catch((err) => reportError(event, err));
    } catch (err) {
      reportError(event, err);
    }
  }
}

/** Listen to one event; returns the way to stop. Called by the composition root, never on import. */
export function subscribe<K extends DomainEventName>(event: K, listener: Listener<K>): () => void {
  const all = listeners();
  let set = all.get(event);
  if (!set) all.set(event, (set = new Set()));
  set.add(listener as (payload: never) => void | Promise<void>);
  return () => set.delete(listener as (payload: never) => void | Promise<void>);
}

/** Where listener failures go (the composition root points it at the logger). */
export function onListenerError(report: (event: string, err: unknown) => void): void {
  setSingleton("domainEventErrors", report);
}

function reportError(event: string, err: unknown): void {
  const report = singleton("domainEventErrors", () => (e: string, x: unknown) => console.error(`listener of ${e} failed`, x));
  report(event, err);
}
