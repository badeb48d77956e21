import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import {
  AdminUser,
  AdminUserParams,
  AdminUserPatch,
  AdminUsersQuery,
  AuditEntry,
  AuditQuery,
  InstructorDecisionBody,
  MessageIdParams,
  Report,
  ReportBody,
  ReportIdParams,
  ReportsQuery,
  ResolveBody,
} from "./schemas";

const tags = ["administration"];
const adminOnly = "Administrators only (is_admin, or an email in ADMIN_EMAILS); anyone else gets 403 FORBIDDEN. Written to the audit log.";

export const listUsersOp = defineOperation({
  method: "GET",
  path: "/api/admin/users",
  summary: "Find accounts",
  description: `Newest first. \`q\` matches username, name or email (\`%\` and \`_\` are literal). Administrators only.`,
  tags,
  auth: "required",
  query: AdminUsersQuery,
  response: z.object({ users: z.array(AdminUser), next_cursor: z.string().nullable() }),
  errors: [403],
});

export const updateUserOp = defineOperation({
  method: "PATCH",
  path: "/api/admin/users/{id}",
  summary: "Change an account's role, administrator flag or activation",
  description: `${adminOnly} Deactivating stops every session, token and socket of the account at once and refuses its sign-in with 403 ACCOUNT_DEACTIVATED until reactivated; nothing is deleted. An administrator cannot deactivate or demote themselves (409), nor remove an administrator named by ADMIN_EMAILS (409). Setting \`role\` also settles a pending instructor request.`,
  tags,
  auth: "required",
  params: AdminUserParams,
  body: AdminUserPatch,
  response: z.object({ user: AdminUser }),
  errors: [403, 404, 409],
});

export const adminPasswordResetOp = defineOperation({
  method: "POST",
  path: "/api/admin/users/{id}/password-reset",
  summary: "Send the account a password reset mail",
  description: adminOnly,
  tags,
  auth: "required",
  params: AdminUserParams,
  response: z.object({}),
  errors: [403, 404, 503],
});

export const instructorDecisionOp = defineOperation({
  method: "POST",
  path: "/api/admin/users/{id}/instructor-request",
  summary: "Approve or decline a pending instructor request",
  description: `${adminOnly} Approving makes the account an instructor; declining leaves it a student. 409 when no request is pending.`,
  tags,
  auth: "required",
  params: AdminUserParams,
  body: InstructorDecisionBody,
  response: z.object({ user: AdminUser }),
  errors: [403, 404, 409],
});

export const auditOp = defineOperation({
  method: "GET",
  path: "/api/admin/audit",
  summary: "The audit log, newest first",
  description: "Every administrator action and every role change. Administrators only.",
  tags,
  auth: "required",
  query: AuditQuery,
  response: z.object({ entries: z.array(AuditEntry), next_cursor: z.string().nullable() }),
  errors: [403],
});

export const reportMessageOp = defineOperation({
  method: "POST",
  path: "/api/messages/{id}/report",
  summary: "Report a message to the administrators",
  description:
    "Anyone who can read the message: a channel or direct message, or a room chat message (by its own id: room and chat message ids never collide). 409 when the caller already has an open report on it.",
  tags,
  auth: "required",
  params: MessageIdParams,
  body: ReportBody,
  response: z.object({ report_id: z.string() }),
  status: 201,
  errors: [403, 404, 409],
});

export const listReportsOp = defineOperation({
  method: "GET",
  path: "/api/admin/reports",
  summary: "Reported messages, newest first, with the message in context",
  description: "Administrators only. `status` defaults to `open`.",
  tags,
  auth: "required",
  query: ReportsQuery,
  response: z.object({ reports: z.array(Report) }),
  errors: [403],
});

export const resolveReportOp = defineOperation({
  method: "POST",
  path: "/api/admin/reports/{id}/resolve",
  summary: "Resolve a report: dismiss it, or delete the message",
  description: `${adminOnly} Deleting resolves every open report of the message. 409 when already resolved.`,
  tags,
  auth: "required",
  params: ReportIdParams,
  body: ResolveBody,
  response: z.object({ report: Report }),
  errors: [403, 404, 409],
});

export const adminOperations = [
  listUsersOp,
  updateUserOp,
  adminPasswordResetOp,
  instructorDecisionOp,
  auditOp,
  reportMessageOp,
  listReportsOp,
  resolveReportOp,
];
