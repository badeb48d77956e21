import "server-only";
import { hash, verify } from "@node-rs/argon2";
import type { Prisma, User } from "@prisma/client";
import type { z } from "zod";
import { env } from "@/lib/env.mjs";
import { db, sql } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { ApiError, errors } from "@/lib/http/errors";
import { statusesOf } from "@/lib/chat/presence";
import { deleteUpload, findOwnUpload, markUploadAttached } from "@/lib/uploads/service";
import { issueToken, type TokenClaims } from "@/lib/auth/tokens";
import { guardSignIn, signInFailed } from "@/lib/rate-limit";
import { assertLoginAllowed, clearLoginFailures, knownSource, recordLoginFailure, rememberSource } from "./throttle";
import { assertPasswordAcceptable } from "./passwords";
import type { DeleteMeBody, RegisterBody, TokenBody, UpdateMeBody, UserSearchQuery } from "./schemas";
import { userSummary } from "./present";
import { sessionsRevoked } from "./events";
import { escapeLike } from "@/lib/db/like";

// Verifying against a real hash for unknown users keeps their timing the same as known ones.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hash("not-a-real-password-" + Math.random()));

export type AuthUser = Pick<User, "id" | "username" | "name" | "role" | "tokenVersion">;

export function claimsFor(user: AuthUser): TokenClaims {
  return { sub: user.id, tv: user.tokenVersion, role: user.role, username: user.username, name: user.name };
}

/** Password sign-in, tokens and sign-up by password are on unless PASSWORD_SIGNIN=false. */
export function assertPasswordSignIn(): void {
  if (!env().PASSWORD_SIGNIN) {
    throw new ApiError("PASSWORD_SIGNIN_DISABLED", "Password sign-in is turned off on this server: sign in with your school account");
  }
}

export async function register(input: z.infer<typeof RegisterBody>): Promise<User> {
  assertPasswordSignIn();
  const code = env().INSTRUCTOR_SIGNUP_CODE;
  const wantsInstructor = input.role === "instructor";
  if (wantsInstructor && code && input.instructor_code !== code) {
    throw errors.validation({ instructor_code: ["Invalid instructor sign-up code"] }, "Instructor sign-up needs a valid code");
  }
  assertPasswordAcceptable(input.password, input);
  // Without a configured code nobody proves they teach: the account starts as a student with a
  // request an administrator approves or declines on /admin.
  const role = wantsInstructor && code ? "instructor" : "student";
  const instructorRequestedAt = wantsInstructor && !code ? new Date() : null;
  const taken = await db().user.findMany({
    where: { OR: [{ email: input.email }, { username: input.username }] },
    select: { email: true, username: true },
  });
  if (taken.length) {
    const details: Record<string, string[]> = {};
    if (taken.some((u) => u.email === input.email)) details.email = ["Already registered"];
    if (taken.some((u) => u.username === input.username)) details.username = ["Already taken"];
    throw errors.conflict("An account with this email or username already exists", details);
  }
  try {
    return await db().user.create({
      data: {
        email: input.email,
        username: input.username,
        name: input.name ?? input.username,
        role,
        instructorRequestedAt,
        passwordHash: await hash(input.password),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("An account with this email or username already exists");
    throw err;
  }
}

/**
 * Check a sign-in. Unknown users and wrong passwords get the same error, and both count towards
 * the throttles (the account's, and the caller address's failures), so the answers never tell
 * whether an account exists. Successful sign-ins cost the address nothing (a lecture hall).
 */
export function verifyCredentials(identifier: string, password: string): Promise<User> {
  return guardSignIn(async () => {
    const ident = identifier.trim().toLowerCase();
    const user = await db().user.findFirst({ where: ident.includes("@") ? { email: ident } : { username: ident } });
    // Attempts from an address this account signed in from before have a budget of their own:
    // a stranger's wrong guesses lock strangers out, not the student at their usual machine.
    const source = user ? await knownSource(user.id) : null;
    const key = !user ? `unknown:${ident}` : source ? `user:${user.id}:known:${source}` : `user:${user.id}`;
    await assertLoginAllowed(key);
    const ok = await verify(user?.passwordHash ?? (await getDummyHash()), password).catch(() => false);
    if (!user || !ok) {
      await Promise.all([recordLoginFailure(key), signInFailed()]);
      throw errors.unauthenticated("Invalid credentials");
    }
    await Promise.all([clearLoginFailures(key), rememberSource(user.id)]);
    // Told only to whoever knows the password: the account exists but is switched off.
    if (user.deactivatedAt) throw new ApiError("ACCOUNT_DEACTIVATED", "This account has been deactivated");
    return user;
  });
}

export async function tokenFor(input: z.infer<typeof TokenBody>) {
  assertPasswordSignIn();
  const user = await verifyCredentials(input.email ?? input.username ?? "", input.password);
  const { token, expiresAt } = await issueToken(claimsFor(user));
  return { user, token, expiresAt };
}

/**
 * The live account behind a token, or null when it is gone, deactivated or the token was revoked. Runs on
 * every authenticated request and handshake, so it is one plain statement (no query compilation).
 */
export async function userForClaims(claims: TokenClaims): Promise<AuthUser | null> {
  const [user] = await sql<AuthUser>(
    `SELECT id, username, name, role::text AS role, token_version AS "tokenVersion" FROM users WHERE id = $1 AND deactivated_at IS NULL`,
    [claims.sub],
  );
  if (!user || user.tokenVersion !== claims.tv) return null;
  return user;
}

export async function getMe(userId: string): Promise<User> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw errors.unauthenticated();
  return user;
}

/** Revoke every token and session of the user at once and close their sockets. */
export async function revokeSessions(userId: string, expectedVersion?: number): Promise<number> {
  const where: Prisma.UserWhereInput = { id: userId, ...(expectedVersion === undefined ? {} : { tokenVersion: expectedVersion }) };
  await db().user.updateMany({ where, data: { tokenVersion: { increment: 1 } } });
  sessionsRevoked(userId);
  const user = await db().user.findUnique({ where: { id: userId }, select: { tokenVersion: true } });
  return user?.tokenVersion ?? 0;
}

async function checkPassword(user: User, password: string, field: string): Promise<void> {
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) throw errors.validation({ [field]: ["Incorrect password"] }, "The password is incorrect");
}

export async function updateMe(userId: string, input: z.infer<typeof UpdateMeBody>): Promise<{ user: User; passwordChanged: boolean }> {
  const user = await getMe(userId);
  const data: Prisma.UserUpdateInput = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.bio !== undefined) data.bio = input.bio;
  if (input.locale !== undefined) data.locale = input.locale;
  const previousAvatar = user.avatarUploadId;
  if (input.avatar_upload_id === null) data.avatarUpload = { disconnect: true };
  else if (input.avatar_upload_id !== undefined && input.avatar_upload_id !== previousAvatar) {
    const upload = await findOwnUpload(input.avatar_upload_id, userId, {
      purposes: ["avatar"],
      kinds: ["image"],
      field: "avatar_upload_id",
    });
    data.avatarUpload = { connect: { id: upload.id } };
  }
  let passwordChanged = false;
  if (input.new_password) {
    await checkPassword(user, input.current_password ?? "", "current_password");
    assertPasswordAcceptable(input.new_password, user, "new_password");
    data.passwordHash = await hash(input.new_password);
    data.tokenVersion = { increment: 1 };
    passwordChanged = true;
  }
  const updated = await db().user.update({ where: { id: userId }, data });
  if (passwordChanged) sessionsRevoked(userId);
  if (updated.avatarUploadId !== previousAvatar) {
    if (updated.avatarUploadId) await markUploadAttached(updated.avatarUploadId);
    // A replaced or cleared avatar is nobody's business any more: remove it.
    if (previousAvatar) await deleteUpload(previousAvatar);
  }
  return { user: updated, passwordChanged };
}

/**
 * The first step of deleting an account (lib/app/delete-account.ts runs the whole use case): the
 * password is checked, then every token is revoked and the sockets closed, so that from here on
 * nothing of this user works, however long the other domains' steps take.
 */
export async function revokeForDeletion(userId: string, input: z.infer<typeof DeleteMeBody>): Promise<void> {
  const user = await getMe(userId);
  await checkPassword(user, input.password, "password");
  await db().user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
  sessionsRevoked(userId);
}

/** The last step of deleting an account: the row goes, and what cascades with it. */
export async function removeAccount(userId: string): Promise<void> {
  await db().user.delete({ where: { id: userId } });
}

export async function searchUsers(query: z.infer<typeof UserSearchQuery>) {
  const q = query.q && escapeLike(query.q);
  const users = await db().user.findMany({
    where: {
      ...(q ? { OR: [{ username: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } : {}),
      ...(query.role ? { role: query.role } : {}),
    },
    orderBy: { username: "asc" },
    take: query.limit,
  });
  return users.map(userSummary);
}

export async function getProfile(id: string) {
  const user = await db().user.findUnique({ where: { id } });
  if (!user) throw errors.notFound("User");
  // The presence store, not the sockets: a user in the grace after their last tab closed is online,
  // and the status says away or do-not-disturb.
  const status = (await statusesOf([user.id])).get(user.id) ?? "offline";
  return {
    ...userSummary(user),
    bio: user.bio,
    online: status !== "offline",
    status,
    last_seen: user.lastSeenAt?.toISOString() ?? null,
  };
}

export { ApiError };
