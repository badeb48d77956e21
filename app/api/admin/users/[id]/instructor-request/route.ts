import { instructorDecisionOp } from "@/lib/admin/contract";
import { decideInstructorRequest, requireAdmin } from "@/lib/admin/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(instructorDecisionOp, async ({ user, params, body }) => ({
    user: await decideInstructorRequest(await requireAdmin(user.id), params.id, body),
  })),
});
