import { handle, routes } from "@/lib/http/handler";
import { createWebhookOp, listWebhooksOp } from "@/lib/webhooks/contract";
import { createWebhook, listWebhooks } from "@/lib/webhooks/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listWebhooksOp, async ({ user, query }) => listWebhooks(user, query)),
  POST: handle(createWebhookOp, async ({ user, body }) => createWebhook(user, body)),
});
