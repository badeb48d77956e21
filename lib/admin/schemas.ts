// Administration: shared by the route handlers, the OpenAPI document and the /admin pages (no server-only imports).
import { z } from "zod";
import { RoleSchema, UserSummary } from "@/lib/accounts/schemas";

const Limit = z.coerce.number().int().min(1).max(100).default(50);
const Cursor = z.string().max(200).optional();

export const AdminUsersQuery = z.object({
  q: z.string().trim().max(100).default(""),
  role: RoleSchema.optional(),
  status: z.enum(["active", "deactivated"]).optional(),
  /** Only accounts waiting for an instructor approval (not in the contract: the /admin requests list). */
  request: z.enum(["instructor"]).optional(),
  before: Cursor,
  limit: Limit,
});

export const AdminUser = UserSummary.extend({
  email: z.string(),
  is_admin: z.boolean(),
  /** Administrator through ADMIN_EMAILS: cannot be demoted here. */
  admin_by_config: z.boolean(),
  deactivated_at: z.string().nullable(),
  instructor_requested_at: z.string().nullable(),
  created_at: z.string(),
  last_seen: z.string().nullable(),
});
export type AdminUserJson = z.infer<typeof AdminUser>;

export const AdminUserParams = z.object({ id: z.string().min(1).max(64) });

export const AdminUserPatch = z
  .object({ role: RoleSchema.optional(), is_admin: z.boolean().optional(), deactivated: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.is_admin !== undefined || b.deactivated !== undefined, {
    message: "Give role, is_admin or deactivated",
    path: ["body"],
  });

export const InstructorDecisionBody = z.object({ action: z.enum(["approve", "decline"]) });

export const AuditQuery = z.object({ before: Cursor, limit: Limit });

export const AuditEntry = z.object({
  id: z.string(),
  actor: UserSummary,
  action: z.string(),
  target_type: z.string(),
  target_id: z.string(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export type AuditEntryJson = z.infer<typeof AuditEntry>;

export const REPORT_REASON_MAX = 500;
export const ReportBody = z.object({
  reason: z.string().trim().min(1, "Say why").max(REPORT_REASON_MAX, `Must be at most ${REPORT_REASON_MAX} characters`),
});
export const MessageIdParams = z.object({ id: z.string().min(1).max(64) });

export const ReportsQuery = z.object({ status: z.enum(["open", "resolved"]).default("open") });

/** A message as moderators see it: where it lives, who wrote it, and its neighbours. */
export const ReportedMessageLine = z.object({
  id: z.string(),
  author: UserSummary,
  content: z.string().nullable(),
  deleted: z.boolean(),
  created_at: z.string(),
});
export const ReportedMessage = ReportedMessageLine.extend({
  /** channel (a channel slug), direct (between two users) or room (a room code). */
  kind: z.enum(["channel", "direct", "room"]),
  channel: z.string().nullable(),
  room_id: z.string().nullable(),
  /** Up to two messages before and two after, oldest first, the reported one included. */
  context: z.array(ReportedMessageLine),
});

export const Report = z.object({
  id: z.string(),
  /** null once the message is gone (a deleted room message, a deleted channel). */
  message: ReportedMessage.nullable(),
  reporter: UserSummary,
  reason: z.string(),
  status: z.enum(["open", "resolved"]),
  resolution: z.enum(["dismiss", "delete_message"]).nullable(),
  resolved_by: UserSummary.nullable(),
  resolved_at: z.string().nullable(),
  created_at: z.string(),
});
export type ReportJson = z.infer<typeof Report>;

export const ReportIdParams = z.object({ id: z.string().min(1).max(64) });
export const ResolveBody = z.object({ action: z.enum(["dismiss", "delete_message"]) });
