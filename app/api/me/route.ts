import { deleteMeOp, getMeOp, updateMeOp } from "@/lib/accounts/contract";
import { presentMe } from "@/lib/accounts/present";
import { claimsFor, getMe, updateMe } from "@/lib/accounts/service";
import { deleteAccount } from "@/lib/app/delete-account";
import { issueToken, sessionCookieName, sessionMaxAgeSeconds } from "@/lib/auth/tokens";
import { handle, json, routes } from "@/lib/http/handler";
import { env } from "@/lib/env.mjs";

function cookieHeader(token: string | null): string {
  const secure = env().APP_URL.startsWith("https://");
  const value = token ?? "";
  const maxAge = token ? sessionMaxAgeSeconds() : 0;
  return `${sessionCookieName()}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(getMeOp, async ({ user }) => ({ user: presentMe(await getMe(user.id)) })),
  PATCH: handle(updateMeOp, async ({ user, body, auth }) => {
    const { user: updated, passwordChanged } = await updateMe(user.id, body);
    if (!passwordChanged) return { user: presentMe(updated) };
    // Every older token is dead now; hand the caller a fresh one so this session carries on.
    const { token, expiresAt } = await issueToken(claimsFor(updated));
    const headers = auth?.via === "cookie" ? { "Set-Cookie": cookieHeader(token) } : undefined;
    return json({ success: true, user: presentMe(updated), token, expires_at: expiresAt.toISOString() }, 200, headers);
  }),
  DELETE: handle(deleteMeOp, async ({ user, body }) => {
    await deleteAccount(user.id, body);
    return json({ success: true }, 200, { "Set-Cookie": cookieHeader(null) });
  }),
});
