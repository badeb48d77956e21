import { endBreakoutsOp, listBreakoutsOp, startBreakoutsOp } from "@/lib/meetings/breakouts-contract";
import { endBreakouts, listBreakouts, startBreakouts } from "@/lib/meetings/breakouts";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listBreakoutsOp, async ({ user, params }) => ({ breakouts: await listBreakouts(params.id, user) })),
  POST: handle(startBreakoutsOp, async ({ user, params, body }) => ({ breakouts: await startBreakouts(params.id, user, body) })),
  DELETE: handle(endBreakoutsOp, async ({ user, params }) => ({ ended: await endBreakouts(params.id, user) })),
});
