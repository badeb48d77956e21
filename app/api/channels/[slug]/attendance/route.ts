import { courseRegisterOp } from "@/lib/meetings/register-contract";
import { registerCsv, registerFilename } from "@/lib/meetings/register-export";
import { courseRegister } from "@/lib/meetings/register";
import { download } from "@/lib/formats/filename";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(courseRegisterOp, async ({ user, params, query }) => {
    const register = await courseRegister(params.slug, user);
    if (query.format === "json") return register;
    return download(registerCsv(register), "text/csv; charset=utf-8; header=present", registerFilename(register.course));
  }),
});
