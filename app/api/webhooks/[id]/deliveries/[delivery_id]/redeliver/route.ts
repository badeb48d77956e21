import { handle, routes } from "@/lib/http/handler";
import { redeliverOp } from "@/lib/webhooks/contract";
import { redeliver } from "@/lib/webhooks/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(redeliverOp, async ({ user, params }) => ({ delivery: await redeliver(user, params.id, params.delivery_id) })),
});
