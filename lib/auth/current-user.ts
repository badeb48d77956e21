import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { presentMe } from "@/lib/accounts/present";
import type { Me } from "@/lib/accounts/schemas";
import { getMe, userForClaims } from "@/lib/accounts/service";
import { safeCallbackPath } from "./callback-path";
import { readToken, sessionTokenFromCookieHeader } from "./tokens";

/**
 * The signed-in user for server components, or null. The session cookie is verified like every
 * API request (token + token version), so a revoked session (sign-out elsewhere, password change,
 * deleted account) is really out. Not next-auth's getServerSession: it does not check revocation.
 * Cached per request: the layout, the page and getI18n() share one lookup.
 */
export const getCurrentUser = cache(async (): Promise<Me | null> => {
  const jar = await cookies();
  // The same parser as the API, chunked next-auth cookies included.
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  const token = sessionTokenFromCookieHeader(header);
  if (!token) return null;
  const claims = await readToken(token);
  const auth = claims && (await userForClaims(claims));
  if (!auth) return null;
  try {
    return presentMe(await getMe(auth.id));
  } catch {
    return null; // deleted between the two reads
  }
});

/** The signed-in user; anyone else goes to /signin and comes back to `path` afterwards. */
export async function requireUser(path: string): Promise<Me> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(safeCallbackPath(path))}`);
  return user;
}
