import "server-only";
import { ApiError, isDatabaseUnavailable } from "@/lib/http/errors";

export interface GroupCommitOptions<I, O> {
  /** Writes a batch in one statement; returns one result per item, in order. */
  write: (items: I[]) => Promise<O[]>;
  /**
   * Batches in flight at once. One (the default) keeps results in the order items arrived, so
   * what is broadcast after each write goes out in the order it was stored.
   */
  maxInFlight?: number;
  maxBatch?: number;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: writes that arrive while earlier ones are in flight share the next statement and
 * its commit. One write waits for one round trip as before; a burst costs a few commits instead
 * of one each (the per-message transaction was what capped persisted messages per second).
 * A batch that fails is retried item by item, so one bad row (a room deleted meanwhile) fails
 * alone; a database that cannot be reached fails the whole batch at once.
 */
export function groupCommit<I, O>({ write, maxInFlight = 1, maxBatch = 256 }: GroupCommitOptions<I, O>): (item: I) => Promise<O> {
  let queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = async (batch: Pending<I, O>[]) => {
    try {
      const results = await write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      const unavailable = isDatabaseUnavailable(err) || (err instanceof ApiError && err.code === "UNAVAILABLE");
      if (batch.length === 1 || unavailable) for (const p of batch) p.reject(err);
      else for (const p of batch) await settle([p]);
    }
  };

  const flush = () => {
    scheduled = false;
    while (queue.length && inFlight < maxInFlight) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      void settle(batch).finally(() => {
        inFlight--;
        flush();
      });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Coalesce what arrives in the same turn of the event loop.
      if (!scheduled && inFlight < maxInFlight) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
