// Shared by route handlers, the OpenAPI document and the browser forms: no server-only imports.
import { z } from "zod";

export const USERNAME_RE = /^[a-z0-9_.-]+$/;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Must be at least 3 characters")
  .max(32, "Must be at most 32 characters")
  .regex(USERNAME_RE, "Only letters, digits, dots, dashes and underscores");
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Must be at most 254 characters")
  .pipe(z.email("Must be a valid email address"));
export const PASSWORD_PROBLEMS = {
  trivial: "Too simple: use more different characters",
  personal: "Must not contain your username or email",
  common: "Too common: it is in lists of leaked passwords",
} as const;

/**
 * The rules a new password must pass that need no list (OWASP ASVS 5.0, 6.2): not a run of one or
 * two characters ("        ", "aaaaaaaa", "abababab"), and not built on the account's own
 * username or email. Shared by the forms and the server (lib/accounts/passwords.ts adds the list).
 */
export function passwordProblem(password: string, who: { email?: string; username?: string } = {}): string | null {
  const lower = password.toLowerCase();
  if (new Set(lower.replace(/\s/g, "")).size < 3) return PASSWORD_PROBLEMS.trivial;
  const words = [who.username, who.email, who.email?.split("@")[0]].map((w) => w?.trim().toLowerCase() ?? "");
  if (words.some((w) => w.length >= 3 && lower.includes(w))) return PASSWORD_PROBLEMS.personal;
  return null;
}

export const Password = z
  .string()
  .min(8, "Must be at least 8 characters")
  .max(256, "Must be at most 256 characters")
  .refine((p) => passwordProblem(p) !== PASSWORD_PROBLEMS.trivial, PASSWORD_PROBLEMS.trivial);
export const DisplayName = z.string().trim().min(1, "Must not be empty").max(80, "Must be at most 80 characters");
export const Bio = z.string().trim().max(500, "Must be at most 500 characters");
export const RoleSchema = z.enum(["student", "instructor"]);
export const Locale = z.enum(["en", "fr"]);

export const RegisterBody = z
  .object({
    email: Email,
    username: Username,
    password: Password,
    name: DisplayName.optional(),
    role: RoleSchema.optional(),
    /** Required for role=instructor when the server sets INSTRUCTOR_SIGNUP_CODE. */
    instructor_code: z.string().max(200).optional(),
  })
  .refine((b) => passwordProblem(b.password, b) !== PASSWORD_PROBLEMS.personal, {
    message: PASSWORD_PROBLEMS.personal,
    path: ["password"],
  });

export const TokenBody = z
  .object({
    email: z.string().trim().toLowerCase().max(254).optional(),
    username: z.string().trim().toLowerCase().max(254).optional(),
    password: z.string().min(1, "Required").max(256),
  })
  .refine((b) => !!(b.email || b.username), { message: "Give an email or a username", path: ["email"] });

export const UpdateMeBody = z
  .object({
    name: DisplayName.optional(),
    bio: Bio.optional(),
    avatar_upload_id: z.string().min(1).max(64).nullable().optional(),
    locale: Locale.nullable().optional(),
    current_password: z.string().max(256).optional(),
    new_password: Password.optional(),
  })
  .refine((b) => !b.new_password || !!b.current_password, {
    message: "Required to change the password",
    path: ["current_password"],
  });

export const PasswordResetBody = z.object({ email: Email });
/** Reset tokens are 43 base64url characters; anything else is refused by the same INVALID_TOKEN. */
export const ResetToken = z.string().min(1, "Required").max(200);
export const PasswordResetConfirmBody = z.object({ token: ResetToken, password: Password });

export const DeleteMeBody = z.object({ password: z.string().min(1, "Required").max(256) });

export const UserSearchQuery = z.object({
  q: z.string().trim().max(100).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  role: RoleSchema.optional(),
});

export const UserIdParams = z.object({ id: z.string().min(1).max(64) });

export const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  avatar_url: z.string().nullable(),
  role: RoleSchema,
});
export type UserSummary = z.infer<typeof UserSummary>;

export const Me = UserSummary.extend({
  email: z.string(),
  bio: z.string(),
  locale: Locale.nullable(),
  created_at: z.string(),
  /** An administrator (is_admin, or an email in ADMIN_EMAILS): the header links to /admin. */
  is_admin: z.boolean(),
  /** Signed up as an instructor without a code: waiting for an administrator. */
  instructor_requested: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** What contacts see of a user (chat, CONTRACT.md section 10): `away` is chosen or every tab idle; `dnd` silences notifications. */
export const PRESENCE_STATUSES = ["online", "away", "dnd", "offline"] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

export const UserProfile = UserSummary.extend({
  bio: z.string(),
  online: z.boolean(),
  /** online, away (chosen, or every tab idle for 10 minutes), dnd, offline. */
  status: z.enum(PRESENCE_STATUSES),
  last_seen: z.string().nullable(),
});
