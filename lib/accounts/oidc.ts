import "server-only";
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { User } from "@prisma/client";
import { env } from "@/lib/env.mjs";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { ApiError, errors } from "@/lib/http/errors";
import { logger } from "@/lib/log/logger";
import { Email, USERNAME_RE } from "./schemas";

/** What school sign-in needs from the identity provider's ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name?: string;
  /** The value of the claim OIDC_ROLE_CLAIM names, whatever its shape. */
  roleClaim?: unknown;
}

/** School sign-in as the sign-in page offers it; null when it is not configured. */
export function schoolSignIn(): { name: string } | null {
  const config = env();
  return config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET ? { name: config.OIDC_NAME } : null;
}

const saysInstructor = (claim: unknown): boolean => claim === "instructor" || (Array.isArray(claim) && claim.includes("instructor"));

/**
 * The account behind a school identity: the linked one (issuer + subject), else the account with
 * that verified email (linked now), else a new one. The provider's word on the email is the only
 * proof of ownership, so an unverified email is refused rather than matched.
 */
export async function accountForOidc(identity: OidcIdentity): Promise<User> {
  if (identity.emailVerified !== true) {
    throw new ApiError("OIDC_EMAIL_UNVERIFIED", "The school account's email address is not verified");
  }
  const email = Email.safeParse(identity.email);
  if (!email.success) throw errors.validation({ email: ["The school account has no valid email address"] });
  const link = await db().oidcLink.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    include: { user: true },
  });
  if (link) return usable(link.user);
  // A deactivated account is refused before anything is linked to it.
  const user = usable((await db().user.findUnique({ where: { email: email.data } })) ?? (await createFromOidc(identity, email.data)));
  try {
    await db().oidcLink.create({ data: { issuer: identity.issuer, subject: identity.subject, userId: user.id } });
    logger.info({ userId: user.id, issuer: identity.issuer }, "school identity linked");
  } catch (err) {
    // A concurrent first sign-in of the same identity linked it already: the same account.
    if (!isUniqueViolation(err)) throw err;
  }
  return user;
}

function usable(user: User): User {
  if (user.deactivatedAt) throw new ApiError("ACCOUNT_DEACTIVATED", "This account has been deactivated");
  return user;
}

/** A username from the email's local part, made valid and unique (`jane.doe`, `jane.doe2`...). */
async function freeUsername(email: string): Promise<string> {
  let base = (email.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "")
    .slice(0, 28);
  if (base.length < 3 || !USERNAME_RE.test(base)) base = `user${base}`.slice(0, 28).padEnd(3, "0");
  const taken = new Set(
    (await db().user.findMany({ where: { username: { startsWith: base } }, select: { username: true } })).map((u) => u.username),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

async function createFromOidc(identity: OidcIdentity, email: string): Promise<User> {
  const role = saysInstructor(identity.roleClaim) ? "instructor" : "student";
  const name = identity.name?.trim().slice(0, 80) || email.split("@")[0]!;
  // No password anybody knows: the account signs in through the school, or sets one by reset mail.
  const passwordHash = await hash(randomBytes(32).toString("base64url"));
  for (let attempt = 0; ; attempt++) {
    try {
      return await db().user.create({ data: { email, username: await freeUsername(email), name, role, passwordHash } });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
      // Lost a race: the email's account now exists (link it), or the username went (try again).
      const existing = await db().user.findUnique({ where: { email } });
      if (existing) return existing;
    }
  }
}
