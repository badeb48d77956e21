import { handle, routes } from "@/lib/http/handler";
import { listDeliveriesOp } from "@/lib/webhooks/contract";
import { listDeliveries } from "@/lib/webhooks/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listDeliveriesOp, async ({ user, params, query }) => listDeliveries(user, params.id, query)),
});
