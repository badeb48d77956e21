import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma, Webhook, WebhookDelivery } from "@prisma/client";
import { isAdministrator } from "@/lib/accounts/admins";
import type { AuthUser } from "@/lib/accounts/service";
import { db, sql } from "@/lib/db/prisma";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { errors } from "@/lib/http/errors";
import { env } from "@/lib/env.mjs";
import { forgetWebhookEvents } from "./hooked";
import { RETRY_WINDOW_HOURS, scheduleAttempt } from "./delivery";
import {
  MAX_WEBHOOKS_PER_USER,
  type CreateWebhookInput,
  type DeliveryStatus,
  type WebhookDeliveryJson,
  type WebhookEvent,
  type WebhookJson,
} from "./schemas";
import { targetProblem } from "./ssrf";

// Webhooks: who may have them, their lifecycle, and turning one occurrence into a delivery row per
// subscribed webhook. Instructors hear their own meetings, course channels and rooms; administrators
// hear everything (docs/webhooks.md "Who hears what"). Sending is ./delivery.ts.

type Caller = Pick<AuthUser, "id" | "role">;

export const SECRET_PREFIX = "whsec_";

async function callerAccess(user: Caller): Promise<{ admin: boolean }> {
  const row = await db().user.findUnique({
    where: { id: user.id },
    select: { email: true, isAdmin: true, deactivatedAt: true, role: true },
  });
  const admin = !!row && isAdministrator(row);
  if (!admin && row?.role !== "instructor") throw errors.forbidden("Only instructors and administrators can manage webhooks");
  return { admin };
}

export function presentWebhook(w: Webhook): WebhookJson {
  return {
    id: w.id,
    url: w.url,
    events: w.events as WebhookEvent[],
    owner_id: w.ownerId,
    secret_hint: `…${w.secret.slice(-4)}`,
    created_at: w.createdAt.toISOString(),
  };
}

export function presentDelivery(d: WebhookDelivery, now = new Date()): WebhookDeliveryJson {
  const leased = d.status === "pending" && d.leaseUntil !== null && d.leaseUntil > now;
  const status: DeliveryStatus = leased ? "delivering" : d.status;
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event: d.event as WebhookEvent,
    event_id: d.eventId,
    status,
    attempts: d.attempts,
    last_response_status: d.lastResponseStatus,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    expires_at: d.expiresAt.toISOString(),
  };
}

/** A new webhook; the secret (given, or generated) is in this answer only. */
export async function createWebhook(user: Caller, input: CreateWebhookInput): Promise<{ webhook: WebhookJson; secret: string }> {
  await callerAccess(user);
  const problem = await targetProblem(new URL(input.url), env().WEBHOOK_ALLOW_PRIVATE);
  if (problem) throw errors.validation({ url: [problem] }, "This URL cannot receive webhooks");
  if ((await db().webhook.count({ where: { ownerId: user.id } })) >= MAX_WEBHOOKS_PER_USER)
    throw errors.conflict(`At most ${MAX_WEBHOOKS_PER_USER} webhooks: delete one first`);
  const secret = input.secret ?? SECRET_PREFIX + randomBytes(32).toString("base64url");
  const row = await db().webhook.create({ data: { ownerId: user.id, url: input.url, events: input.events, secret } });
  forgetWebhookEvents();
  return { webhook: presentWebhook(row), secret };
}

/** Mine, newest first; an administrator's list holds everyone's. */
export async function listWebhooks(user: Caller, query: { limit: number; before?: string }) {
  const { admin } = await callerAccess(user);
  const filter: Prisma.WebhookWhereInput = admin ? {} : { ownerId: user.id };
  if (query.before) {
    const c = decodeCursor(query.before, "before");
    filter.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  }
  const rows = await db().webhook.findMany({ where: filter, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    webhooks: page.map(presentWebhook),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

/** The owner's or, for an administrator, anyone's; someone else's answers 404 (its existence is not theirs to know). */
async function manageable(user: Caller, id: string): Promise<Webhook> {
  const { admin } = await callerAccess(user);
  const row = await db().webhook.findUnique({ where: { id } });
  if (!row || (!admin && row.ownerId !== user.id)) throw errors.notFound("Webhook");
  return row;
}

/** Gone with its delivery log; reminders still queued find nothing to send. */
export async function deleteWebhook(user: Caller, id: string): Promise<void> {
  const row = await manageable(user, id);
  await db().webhook.deleteMany({ where: { id: row.id } });
  forgetWebhookEvents();
}

export async function listDeliveries(user: Caller, id: string, query: { limit: number; before?: string }) {
  const hook = await manageable(user, id);
  const where: Prisma.WebhookDeliveryWhereInput = { webhookId: hook.id };
  if (query.before) {
    const c = decodeCursor(query.before, "before");
    where.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  }
  const rows = await db().webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const now = new Date();
  return {
    deliveries: page.map((d) => presentDelivery(d, now)),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

/**
 * Send it again, under the same delivery id (a receiver that already has it can drop it): the
 * attempts count and the 24 hours start over. Refused (409) while an attempt is under way.
 */
export async function redeliver(user: Caller, id: string, deliveryId: string): Promise<WebhookDeliveryJson> {
  const hook = await manageable(user, id);
  const [reset] = await sql<{ id: string }>(
    `UPDATE webhook_deliveries
        SET status = 'pending', attempts = 0, next_attempt_at = (now() at time zone 'utc'),
            expires_at = (now() at time zone 'utc') + make_interval(hours => $3), updated_at = (now() at time zone 'utc')
      WHERE id = $1 AND webhook_id = $2 AND (lease_until IS NULL OR lease_until < (now() at time zone 'utc'))
      RETURNING id`,
    [deliveryId, hook.id, RETRY_WINDOW_HOURS],
  );
  if (!reset) {
    const exists = await db().webhookDelivery.count({ where: { id: deliveryId, webhookId: hook.id } });
    if (!exists) throw errors.notFound("Delivery");
    throw errors.conflict("This delivery is being attempted right now: wait for its outcome");
  }
  await scheduleAttempt(deliveryId);
  return presentDelivery(await db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }));
}

/**
 * One occurrence of `event`: a delivery row for every webhook that subscribed to it and may hear
 * it (its owner is among `ownerIds`, or an administrator), then each attempt queued.
 */
export async function dispatch(event: WebhookEvent, ownerIds: (string | null | undefined)[], data: unknown): Promise<number> {
  const owners = new Set(ownerIds.filter((x): x is string => !!x));
  const hooks = await db().webhook.findMany({
    where: { events: { has: event } },
    select: { id: true, ownerId: true, owner: { select: { email: true, isAdmin: true, deactivatedAt: true, role: true } } },
  });
  // An administrator hears everything; an owner who is no longer an instructor (nor an administrator) nothing.
  const targets = hooks.filter((h) => {
    if (h.owner.deactivatedAt) return false;
    if (isAdministrator(h.owner)) return true;
    return h.owner.role === "instructor" && owners.has(h.ownerId);
  });
  if (!targets.length) return 0;
  const eventId = `evt_${randomBytes(12).toString("hex")}`;
  const createdAt = new Date();
  const body = JSON.stringify({ id: eventId, event, created_at: createdAt.toISOString(), data });
  const expiresAt = new Date(createdAt.getTime() + RETRY_WINDOW_HOURS * 3_600_000);
  const rows = await db().webhookDelivery.createManyAndReturn({
    data: targets.map((h) => ({ webhookId: h.id, event, eventId, body, nextAttemptAt: createdAt, expiresAt, createdAt })),
    select: { id: true },
  });
  for (const r of rows) await scheduleAttempt(r.id);
  return rows.length;
}
