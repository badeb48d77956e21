import { z } from "zod";

/** What a personal access token may do (CONTRACT.md section 12, docs/api.md "Personal access tokens"). */
export const SCOPES = ["read", "chat:write", "rooms:write", "meetings:write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export const MAX_TOKENS_PER_USER = 50;
export const MAX_EXPIRY_DAYS = 366;

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .max(SCOPES.length)
      .refine((s) => new Set(s).size === s.length, "Each scope once"),
    /** Unset: the token does not expire. */
    expires_in_days: z.number().int().min(1).max(MAX_EXPIRY_DAYS).optional(),
  })
  .strict();

export const TokenParams = z.object({ id: z.string().min(1).max(64) });

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});
export type ApiTokenJson = z.infer<typeof ApiToken>;
