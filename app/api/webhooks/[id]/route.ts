import { handle, routes } from "@/lib/http/handler";
import { deleteWebhookOp } from "@/lib/webhooks/contract";
import { deleteWebhook } from "@/lib/webhooks/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  DELETE: handle(deleteWebhookOp, async ({ user, params }) => {
    await deleteWebhook(user, params.id);
    return {};
  }),
});
