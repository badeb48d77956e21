import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import {
  DeleteMeBody,
  Me,
  PasswordResetBody,
  PasswordResetConfirmBody,
  RegisterBody,
  TokenBody,
  UpdateMeBody,
  UserIdParams,
  UserProfile,
  UserSearchQuery,
  UserSummary,
} from "./schemas";

const tags = ["accounts"];

export const registerOp = defineOperation({
  method: "POST",
  path: "/api/auth/register",
  summary: "Create an account",
  description:
    "`role` defaults to `student`. With INSTRUCTOR_SIGNUP_CODE set, `instructor` needs `instructor_code`. The password is refused (400, reason in `details.password`) when it has fewer than 3 different characters, contains the username or email, or is among the ~49,000 most common leaked passwords (docs/accounts.md). With PASSWORD_SIGNIN=false (school sign-in only), 403 `PASSWORD_SIGNIN_DISABLED`.",
  tags,
  auth: "none",
  body: RegisterBody,
  response: z.object({ user: Me }),
  status: 201,
  errors: [403, 409, 429],
});

export const tokenOp = defineOperation({
  method: "POST",
  path: "/api/auth/token",
  summary: "Get a Bearer token for integrations",
  description:
    "The same answer for an unknown user and a wrong password. After 10 failures for one account within 15 minutes, or 30 failures a minute from one address, 429 with Retry-After (nothing verified until then). An address the account signed in from before keeps a budget of its own, so strangers' failures never lock its owner out. Successful sign-ins do not count against the address: a lecture hall behind one NAT signs in together. A deactivated account: 403 `ACCOUNT_DEACTIVATED`. With PASSWORD_SIGNIN=false (school sign-in only): 403 `PASSWORD_SIGNIN_DISABLED`. Answered with `Cache-Control: no-store`, like every /api answer.",
  tags,
  auth: "none",
  body: TokenBody,
  response: z.object({ token: z.string(), expires_at: z.string(), user: Me }),
  errors: [401, 403, 429],
});

export const logoutOp = defineOperation({
  method: "POST",
  path: "/api/auth/logout",
  summary: "Sign out everywhere",
  description: "Revokes every token and session of the caller and disconnects their sockets.",
  tags,
  auth: "required",
  response: z.object({}),
});

export const getMeOp = defineOperation({
  method: "GET",
  path: "/api/me",
  summary: "My profile",
  tags,
  auth: "required",
  response: z.object({ user: Me }),
});

export const updateMeOp = defineOperation({
  method: "PATCH",
  path: "/api/me",
  summary: "Update my profile or password",
  description:
    "Changing the password needs `current_password` and a `new_password` that passes the rules of registration (reason in `details.new_password`), revokes every other token and session, and returns a fresh `token` (the browser session cookie is renewed too).",
  tags,
  auth: "required",
  body: UpdateMeBody,
  response: z.object({ user: Me, token: z.string().optional(), expires_at: z.string().optional() }),
});

export const deleteMeOp = defineOperation({
  method: "DELETE",
  path: "/api/me",
  summary: "Delete my account",
  description: "Needs the password. Every session, token and socket stops working at once; uploads are removed.",
  tags,
  auth: "required",
  body: DeleteMeBody,
  response: z.object({}),
});

export const searchUsersOp = defineOperation({
  method: "GET",
  path: "/api/users",
  summary: "Search users by username or name",
  tags,
  auth: "required",
  query: UserSearchQuery,
  response: z.object({ users: z.array(UserSummary) }),
});

export const getUserOp = defineOperation({
  method: "GET",
  path: "/api/users/{id}",
  summary: "A user's public profile with presence",
  tags,
  auth: "required",
  params: UserIdParams,
  response: z.object({ user: UserProfile }),
});

export const passwordResetOp = defineOperation({
  method: "POST",
  path: "/api/auth/password-reset",
  summary: "Ask for a password-reset mail",
  description:
    "The same answer, in similar time, whether or not an account has this email: the account is looked up and the mail sent by a background job. The mail links to `${APP_URL}/reset-password?token=...`, valid one hour, usable once. 3 requests per email address and 20 per caller address an hour, then 429 with Retry-After. 503 `MAIL_NOT_CONFIGURED` when the server cannot send mail.",
  tags,
  auth: "none",
  body: PasswordResetBody,
  response: z.object({}),
  errors: [429, 503],
});

export const passwordResetConfirmOp = defineOperation({
  method: "POST",
  path: "/api/auth/password-reset/confirm",
  summary: "Set a new password with a reset token",
  description:
    "Every session, token and socket of the user stops working, and the user's other reset links are spent. A used, expired or unknown token gets 400 `INVALID_TOKEN`.",
  tags,
  auth: "none",
  body: PasswordResetConfirmBody,
  response: z.object({}),
  errors: [400],
});

export const accountsOperations = [
  registerOp,
  tokenOp,
  logoutOp,
  getMeOp,
  updateMeOp,
  deleteMeOp,
  searchUsersOp,
  getUserOp,
  passwordResetOp,
  passwordResetConfirmOp,
];

// The meetings and direct-messages seeds' own paths (contract section 12): the same domain code.
const alias = (canonical: string) => `Deprecated alias of ${canonical}, kept for the seeds' documented workflows.`;

export const registerAliasOp = defineOperation({
  ...registerOp,
  path: "/api/users/register",
  summary: "Create an account (alias)",
  description: alias("POST /api/auth/register"),
  deprecated: true,
});

export const loginAliasOp = defineOperation({
  ...tokenOp,
  path: "/api/users/login",
  summary: "Sign in and get a Bearer token (alias)",
  description: `${alias("POST /api/auth/token")} Answers \`{success, token, user}\` as the meetings seed documents.`,
  response: z.object({ token: z.string(), user: Me }),
  deprecated: true,
});

export const authLoginAliasOp = defineOperation({
  ...tokenOp,
  path: "/api/auth/login",
  summary: "Get a Bearer token (alias)",
  description: alias("POST /api/auth/token"),
  deprecated: true,
});

export const accountsAliasOperations = [registerAliasOp, loginAliasOp, authLoginAliasOp];
