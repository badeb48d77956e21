import { z } from "zod";

/** What a webhook can hear (CONTRACT.md section 12, docs/webhooks.md). */
export const WEBHOOK_EVENTS = ["meeting.started", "meeting.ended", "attendance.ready", "message.created", "room.closed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const MAX_WEBHOOKS_PER_USER = 20;
export const WEBHOOK_URL_MAX = 2000;

export const WebhookUrl = z
  .string()
  .trim()
  .min(1, "Required")
  .max(WEBHOOK_URL_MAX)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "Must be an http:// or https:// URL");

export const CreateWebhookBody = z
  .object({
    url: WebhookUrl,
    events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .min(1, "Choose at least one event")
      .max(WEBHOOK_EVENTS.length)
      .refine((e) => new Set(e).size === e.length, "Each event once"),
    /** Unset: one is generated (and shown once). */
    secret: z
      .string()
      .min(16, "At least 16 characters")
      .max(200)
      .regex(/^[\x21-\x7e]+$/, "Printable ASCII without spaces")
      .optional(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof CreateWebhookBody>;

export const WebhookParams = z.object({ id: z.string().min(1).max(64) });
export const DeliveryParams = z.object({ id: z.string().min(1).max(64), delivery_id: z.string().min(1).max(64) });

export const WebhookListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.string().max(200).optional(),
});

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  owner_id: z.string(),
  /** The secret's last four characters, to tell secrets apart; the secret itself is shown once. */
  secret_hint: z.string(),
  created_at: z.string(),
});
export type WebhookJson = z.infer<typeof Webhook>;

export const DELIVERY_STATUSES = ["pending", "delivering", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const WebhookDelivery = z.object({
  id: z.string(),
  webhook_id: z.string(),
  event: z.enum(WEBHOOK_EVENTS),
  event_id: z.string(),
  status: z.enum(DELIVERY_STATUSES).describe("`delivering`: an attempt is under way right now"),
  attempts: z.number().int().describe("Attempts since it was created or last redelivered"),
  last_response_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_attempt_at: z.string().nullable(),
  next_attempt_at: z.string().nullable().describe("When the next attempt is due (null once succeeded or given up)"),
  delivered_at: z.string().nullable(),
  expires_at: z.string().describe("No retry is scheduled after this"),
});
export type WebhookDeliveryJson = z.infer<typeof WebhookDelivery>;
