import { myRegisterOp } from "@/lib/meetings/register-contract";
import { myRegister } from "@/lib/meetings/register";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(myRegisterOp, async ({ user }) => myRegister(user)),
});
