import { handle, routes } from "@/lib/http/handler";
import { uploadConfigOp } from "@/lib/uploads/contract";
import { uploadConfig } from "@/lib/uploads/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(uploadConfigOp, async ({ user }) => uploadConfig(user.id)),
});
