import { listInvitationsOp } from "@/lib/meetings/contract";
import { listInvitations } from "@/lib/meetings/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listInvitationsOp, async ({ user, query }) => listInvitations(user, query)),
});
