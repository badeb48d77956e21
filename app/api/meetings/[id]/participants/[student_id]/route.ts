import { overrideCellOp } from "@/lib/meetings/register-contract";
import { overrideCell } from "@/lib/meetings/register";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PATCH: handle(overrideCellOp, async ({ user, params, body }) => overrideCell(params.id, params.student_id, user, body)),
});
