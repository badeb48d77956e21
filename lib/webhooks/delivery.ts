import "server-only";
import http from "node:http";
import https from "node:https";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { sql } from "@/lib/db/prisma";
import { env } from "@/lib/env.mjs";
import { enqueue } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { guardedLookup, hostOf, isPrivateAddress } from "./ssrf";
import { signatureHeader } from "./signature";

// One attempt at one delivery, on whichever node's worker runs the job (docs/webhooks.md,
// docs/decisions.md "Webhook delivery"). The row is the truth, the job only a reminder:
// - an attempt starts by taking the row's lease (one UPDATE: pending, due, lease free or
//   expired), so two runs of the same job, or a job and the sweeper's, never send at once;
// - taking the lease queues the next reminder at its expiry, so if this node dies mid-request,
//   another node takes the delivery over then (graphile-worker would hold the dead job 4 hours);
// - the outcome is written only while the lease is still ours (its token), then the reminder is
//   moved to the next retry, or left to find nothing to do.
// Delivery is therefore at least once: a receiver that answered after our lease ran out, or whose
// 2xx we never read, gets it again under the same X-Mem2gether-Delivery id.

const log = logger.child({ component: "webhooks" });

/** Each attempt's whole budget: resolving, connecting, sending, and the response's status line. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** An attempt's claim on its row: the timeout plus room for the database writes around it. */
export const LEASE_SECONDS = 20;
/** No retry past this since the delivery was created (or redelivered). */
export const RETRY_WINDOW_HOURS = 24;
const MAX_DELAY_SECONDS = 6 * 3600;
const ERROR_MAX = 500;

// Timestamps are `timestamp(3)` holding UTC (Prisma's convention): the database's clock, in UTC,
// is every node's one clock for leases and schedules.
const NOW = "(now() at time zone 'utc')";

export const deliveryJobKey = (id: string) => `webhooks.deliver:${id}`;

/** The reminder to attempt `id` at `runAt` (now by default); replaces any pending one. */
export async function scheduleAttempt(id: string, runAt?: Date): Promise<void> {
  await enqueue("webhooks.deliver", { delivery_id: id }, { jobKey: deliveryJobKey(id), runAt });
}

/** Seconds before the retry that follows attempt `n` (1, 2, ...): the base, doubling, capped. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(env().WEBHOOK_RETRY_BASE_SECONDS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_SECONDS);
}

interface Claimed {
  id: string;
  event: string;
  body: string;
  attempts: number;
  lease_until: Date;
  url: string;
  secret: string;
}

export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** Run by the `webhooks.deliver` job. Does nothing when the row is not due, is leased, or is done. */
export async function attemptDelivery(id: string): Promise<void> {
  const token = randomBytes(12).toString("hex");
  const [row] = await sql<Claimed>(
    `UPDATE webhook_deliveries d
        SET lease_until = ${NOW} + make_interval(secs => $3), lease_token = $2, attempts = d.attempts + 1,
            last_attempt_at = ${NOW}, updated_at = ${NOW}
       FROM webhooks w
      WHERE d.id = $1 AND w.id = d.webhook_id AND d.status = 'pending'
        AND d.next_attempt_at <= ${NOW} + interval '1 second'
        AND (d.lease_until IS NULL OR d.lease_until < ${NOW})
      RETURNING d.id, d.event, d.body, d.attempts, d.lease_until, w.url, w.secret`,
    [id, token, LEASE_SECONDS],
  );
  if (!row) return;
  log.info({ delivery: id, event: row.event, attempt: row.attempts }, "webhook attempt");
  // The takeover, should this node die before it writes the outcome.
  await scheduleAttempt(id, new Date(row.lease_until.getTime() + 1000));

  const result = await send(row);
  const delay = retryDelaySeconds(row.attempts);
  const [done] = await sql<{ status: string; next_attempt_at: Date | null }>(
    `UPDATE webhook_deliveries
        SET status = (CASE WHEN $3 THEN 'succeeded'
                           WHEN ${NOW} + make_interval(secs => $6) > expires_at THEN 'failed'
                           ELSE 'pending' END)::webhook_delivery_status,
            next_attempt_at = CASE WHEN $3 OR ${NOW} + make_interval(secs => $6) > expires_at THEN NULL
                                   ELSE ${NOW} + make_interval(secs => $6) END,
            delivered_at = CASE WHEN $3 THEN ${NOW} ELSE delivered_at END,
            last_response_status = $4, last_error = $5, lease_until = NULL, lease_token = NULL, updated_at = ${NOW}
      WHERE id = $1 AND lease_token = $2
      RETURNING status, next_attempt_at`,
    [id, token, result.ok, result.status, result.ok ? null : result.error.slice(0, ERROR_MAX), delay],
  );
  const fields = { delivery: id, event: row.event, attempt: row.attempts, status: result.status };
  if (!done) log.warn(fields, "webhook attempt outlived its lease; another attempt took over");
  else if (done.status === "succeeded") log.info(fields, "webhook delivered");
  else if (done.status === "failed") log.warn({ ...fields, error: !result.ok && result.error }, "webhook delivery given up");
  else {
    log.info({ ...fields, error: !result.ok && result.error, next: done.next_attempt_at }, "webhook attempt failed; retry scheduled");
    await scheduleAttempt(id, done.next_attempt_at!);
  }
}

/** One signed POST; never throws, never follows a redirect (a 3xx is a failure like any non-2xx). */
export function send(target: { id: string; event: string; body: string; url: string; secret: string }): Promise<SendResult> {
  const allowPrivate = env().WEBHOOK_ALLOW_PRIVATE;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve({ ok: false, status: null, error: "invalid URL" });
  }
  const host = hostOf(url);
  // A literal address is connected to without a lookup: checked here instead.
  if (!allowPrivate && isIP(host) && isPrivateAddress(host))
    return Promise.resolve({ ok: false, status: null, error: "refused: internal address" });
  const transport = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!transport) return Promise.resolve({ ok: false, status: null, error: "unsupported protocol" });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = transport.request(url, {
      method: "POST",
      agent: false,
      lookup: guardedLookup(allowPrivate) as never,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(target.body),
        "user-agent": "Mem2gether-Webhooks/1",
        "x-mem2gether-event": target.event,
        "x-mem2gether-delivery": target.id,
        "x-mem2gether-signature": signatureHeader(target.secret, target.body, Math.floor(Date.now() / 1000)),
      },
    });
    const timer = setTimeout(
      () => finish({ ok: false, status: null, error: `timed out after ${DELIVERY_TIMEOUT_MS / 1000} s` }),
      DELIVERY_TIMEOUT_MS,
    );
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` });
    });
    req.on("error", (err) =>
      finish({
        ok: false,
        status: null,
        error: err.name === "TargetRefused" ? err.message : `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}`,
      }),
    );
    req.end(target.body);
  });
}

/**
 * Deliveries whose reminder was lost (the node died between storing them and queueing, or its
 * queue was wiped): due or with an expired lease for a while, queued again. Every minute, on one node.
 */
export async function sweepStalledDeliveries(): Promise<number> {
  const rows = await sql<{ id: string }>(
    `SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at < ${NOW} - interval '30 seconds'
        AND (lease_until IS NULL OR lease_until < ${NOW} - interval '30 seconds')
      ORDER BY next_attempt_at LIMIT 500`,
  );
  for (const r of rows) await scheduleAttempt(r.id);
  return rows.length;
}
