import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import {
  CreateWebhookBody,
  DeliveryParams,
  MAX_WEBHOOKS_PER_USER,
  Webhook,
  WebhookDelivery,
  WebhookListQuery,
  WebhookParams,
  WEBHOOK_EVENTS,
} from "./schemas";

const tags = ["webhooks"];
const who =
  "Instructors (for their own meetings, course channels and rooms) and administrators (for everything); students get 403. With a personal access token: `read` to list, `meetings:write` (or `admin`) to change. See docs/webhooks.md.";

export const createWebhookOp = defineOperation({
  method: "POST",
  path: "/api/webhooks",
  summary: "Create a webhook",
  description: `Events: ${WEBHOOK_EVENTS.map((e) => `\`${e}\``).join(", ")}. Each delivery is a POST of \`{id, event, created_at, data}\` signed with \`X-Mem2gether-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">\`. \`secret\` is in this answer only (generated when not given); it is stored as is, since it signs every delivery. A URL whose host is or resolves to a private, loopback, link-local or other internal address answers 400 unless the server allows it. At most ${MAX_WEBHOOKS_PER_USER} per account (409). ${who}`,
  tags,
  auth: "required",
  body: CreateWebhookBody,
  response: z.object({ webhook: Webhook, secret: z.string() }),
  status: 201,
  errors: [403, 409],
});

export const listWebhooksOp = defineOperation({
  method: "GET",
  path: "/api/webhooks",
  summary: "My webhooks (an administrator's: everyone's), newest first",
  description: who,
  tags,
  auth: "required",
  query: WebhookListQuery,
  response: z.object({ webhooks: z.array(Webhook), next_cursor: z.string().nullable() }),
  errors: [403],
});

export const deleteWebhookOp = defineOperation({
  method: "DELETE",
  path: "/api/webhooks/{id}",
  summary: "Delete a webhook and its delivery log",
  description: `Attempts not yet made are dropped. Someone else's webhook answers 404 (an administrator may delete any). ${who}`,
  tags,
  auth: "required",
  params: WebhookParams,
  response: z.object({}),
  errors: [403, 404],
});

export const listDeliveriesOp = defineOperation({
  method: "GET",
  path: "/api/webhooks/{id}/deliveries",
  summary: "A webhook's delivery log, newest first",
  description: `One row per event sent to the webhook: its status (\`pending\`, \`delivering\`, \`succeeded\`, \`failed\`), attempts, the last response status or error, and when the next attempt is due. ${who}`,
  tags,
  auth: "required",
  params: WebhookParams,
  query: WebhookListQuery,
  response: z.object({ deliveries: z.array(WebhookDelivery), next_cursor: z.string().nullable() }),
  errors: [403, 404],
});

export const redeliverOp = defineOperation({
  method: "POST",
  path: "/api/webhooks/{id}/deliveries/{delivery_id}/redeliver",
  summary: "Send a delivery again",
  description: `Now, under the same \`X-Mem2gether-Delivery\` id, with its retries and 24 hours starting over. 409 while an attempt is under way. ${who}`,
  tags,
  auth: "required",
  params: DeliveryParams,
  response: z.object({ delivery: WebhookDelivery }),
  status: 202,
  errors: [403, 404, 409],
});

export const webhookOperations = [createWebhookOp, listWebhooksOp, deleteWebhookOp, listDeliveriesOp, redeliverOp];
