import { joinBreakoutOp } from "@/lib/meetings/breakouts-contract";
import { joinBreakout } from "@/lib/meetings/breakouts";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(joinBreakoutOp, async ({ user, params }) => joinBreakout(params.id, params.breakout_id, user)),
});
