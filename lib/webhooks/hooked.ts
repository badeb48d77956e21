import "server-only";
import { sql } from "@/lib/db/prisma";
import { singleton } from "@/lib/system/singleton";

// Every channel message asks whether a webhook listens for `message.created`; almost always none
// does, and asking the database each time cost the class-channel bench a round trip per message
// (docs/performance.md). A node keeps the answer for one second: the node where a webhook is
// created or deleted forgets it at once, another node learns of it within that second.

const TRUST_MS = 1_000;

type Known = { readAt: number; events: Promise<Set<string>> };

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    webhookEvents: { known: Known | null };
  }
}
const holder = () => singleton("webhookEvents", () => ({ known: null as Known | null }));

/** Whether any webhook (of anyone) subscribes to `event`, as this node last read it. */
export async function anyWebhookFor(event: string): Promise<boolean> {
  const h = holder();
  const now = Date.now();
  if (!h.known || now - h.known.readAt >= TRUST_MS) {
    // One read for every message arriving meanwhile; a failed read is not kept.
    const events = sql<{ event: string }>("select distinct unnest(events) as event from webhooks").then(
      (rows) => new Set(rows.map((r) => r.event)),
    );
    const known = { readAt: now, events };
    h.known = known;
    events.catch(() => {
      if (h.known === known) h.known = null;
    });
  }
  return (await h.known.events).has(event);
}

/** A webhook was created or deleted on this node: the next question reads again. */
export function forgetWebhookEvents(): void {
  holder().known = null;
}
