import { searchUsersOp } from "@/lib/accounts/contract";
import { searchUsers } from "@/lib/accounts/service";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(searchUsersOp, async ({ query }) => ({ users: await searchUsers(query) })),
});
