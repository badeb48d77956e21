import "server-only";
import { sendPasswordReset } from "@/lib/accounts/recovery";
import type { Prisma, Role, User } from "@prisma/client";
import type { z } from "zod";
import { isAdministrator, isConfigAdmin } from "@/lib/accounts/admins";
import { userSummary } from "@/lib/accounts/present";
import { revokeSessions } from "@/lib/accounts/service";
import { db, sql } from "@/lib/db/prisma";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { errors } from "@/lib/http/errors";
import { writeAudit, type AuditRecord } from "./audit";
import type { AdminUserJson, AdminUserPatch, AdminUsersQuery, InstructorDecisionBody } from "./schemas";

/** The caller, if an administrator; everyone else gets 403 (a deactivated account never reaches here). */
export async function requireAdmin(userId: string): Promise<User> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || !isAdministrator(user)) throw errors.forbidden("Administrators only");
  return user;
}

export function presentAdminUser(u: User): AdminUserJson {
  return {
    ...userSummary(u),
    email: u.email,
    is_admin: isAdministrator({ ...u, deactivatedAt: null }),
    admin_by_config: isConfigAdmin(u.email),
    deactivated_at: u.deactivatedAt?.toISOString() ?? null,
    instructor_requested_at: u.instructorRequestedAt?.toISOString() ?? null,
    created_at: u.createdAt.toISOString(),
    last_seen: u.lastSeenAt?.toISOString() ?? null,
  };
}

/** `q` as a literal ILIKE pattern: the user's `%`, `_` and `\` match themselves. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;

export async function listUsers(q: z.infer<typeof AdminUsersQuery>): Promise<{ users: AdminUserJson[]; next_cursor: string | null }> {
  const where: string[] = [];
  const values: unknown[] = [];
  const arg = (v: unknown) => `$${values.push(v)}`;
  if (q.q) {
    const p = arg(likePattern(q.q));
    where.push(`(username ILIKE ${p} ESCAPE '\\' OR name ILIKE ${p} ESCAPE '\\' OR email ILIKE ${p} ESCAPE '\\')`);
  }
  if (q.role) where.push(`role::text = ${arg(q.role)}`);
  if (q.status === "active") where.push("deactivated_at IS NULL");
  if (q.status === "deactivated") where.push("deactivated_at IS NOT NULL");
  if (q.request === "instructor") where.push("instructor_requested_at IS NOT NULL");
  if (q.before) {
    const c = decodeCursor(q.before, "before");
    where.push(`(created_at, id) < (${arg(c.createdAt)}, ${arg(c.id)})`);
  }
  const ids = await sql<{ id: string }>(
    `SELECT id FROM users ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at DESC, id DESC LIMIT ${arg(q.limit + 1)}`,
    values,
  );
  const more = ids.length > q.limit;
  const pageIds = ids.slice(0, q.limit).map((r) => r.id);
  const rows = await db().user.findMany({ where: { id: { in: pageIds } } });
  const byId = new Map(rows.map((u) => [u.id, u]));
  const users = pageIds.map((id) => byId.get(id)).filter((u): u is User => !!u);
  return { users: users.map(presentAdminUser), next_cursor: more && users.length ? encodeCursor(users[users.length - 1]!) : null };
}

async function findUser(id: string): Promise<User> {
  const user = await db().user.findUnique({ where: { id } });
  if (!user) throw errors.notFound("User");
  return user;
}

/**
 * Role, administrator flag and activation, with one audit entry per change, committed together.
 * Deactivating revokes every session and token (the token version) and closes every socket on
 * every node; sign-in then answers 403 ACCOUNT_DEACTIVATED until an administrator reactivates.
 */
export async function updateUser(actor: User, id: string, patch: z.infer<typeof AdminUserPatch>): Promise<AdminUserJson> {
  const target = await findUser(id);
  if (target.id === actor.id) {
    if (patch.deactivated === true)
      throw errors.conflict("You cannot deactivate your own account", { deactivated: ["Not your own account"] });
    if (patch.is_admin === false) {
      throw errors.conflict("You cannot remove your own administrator rights", { is_admin: ["Not your own rights"] });
    }
  }
  if (patch.is_admin === false && isConfigAdmin(target.email)) {
    throw errors.conflict("This administrator is named in ADMIN_EMAILS: change the server's configuration", {
      is_admin: ["Set by ADMIN_EMAILS"],
    });
  }
  const data: Prisma.UserUpdateInput = {};
  const log: AuditRecord[] = [];
  const entry = (action: string, details: Prisma.InputJsonObject = {}) =>
    log.push({ actorId: actor.id, action, targetType: "user", targetId: target.id, details: { username: target.username, ...details } });
  if (patch.role !== undefined && patch.role !== target.role) {
    data.role = patch.role;
    entry("user.role_changed", { from: target.role, to: patch.role });
  }
  if (patch.role !== undefined && target.instructorRequestedAt) {
    data.instructorRequestedAt = null;
    entry(patch.role === "instructor" ? "user.instructor_request_approved" : "user.instructor_request_declined");
  }
  if (patch.is_admin !== undefined && patch.is_admin !== target.isAdmin) {
    data.isAdmin = patch.is_admin;
    entry(patch.is_admin ? "user.admin_granted" : "user.admin_revoked");
  }
  const deactivating = patch.deactivated === true && !target.deactivatedAt;
  if (deactivating) {
    data.deactivatedAt = new Date();
    entry("user.deactivated");
  } else if (patch.deactivated === false && target.deactivatedAt) {
    data.deactivatedAt = null;
    entry("user.reactivated");
  }
  if (!log.length) return presentAdminUser(target);
  const updated = await db().$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: target.id }, data });
    await writeAudit(log, tx);
    return u;
  });
  // After the commit: from here on nothing of the account authenticates, so the sockets closed now stay closed.
  if (deactivating) await revokeSessions(target.id);
  return presentAdminUser((await db().user.findUnique({ where: { id: target.id } })) ?? updated);
}

export async function decideInstructorRequest(actor: User, id: string, body: z.infer<typeof InstructorDecisionBody>) {
  const target = await findUser(id);
  if (!target.instructorRequestedAt) throw errors.conflict("This account has no pending instructor request");
  const role: Role = body.action === "approve" ? "instructor" : target.role;
  return updateUser(actor, id, { role });
}

/**
 * Sends the account the password reset mail. The mail and the reset tokens belong to the account
 * recovery work (lib/accounts `sendPasswordReset`); until that is merged this answers 503.
 */
export async function sendResetMail(actor: User, id: string): Promise<void> {
  const target = await findUser(id);
  await sendPasswordReset(target.id);
  await writeAudit({
    actorId: actor.id,
    action: "user.password_reset_sent",
    targetType: "user",
    targetId: target.id,
    details: { username: target.username },
  });
}
