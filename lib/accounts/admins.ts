import { env } from "@/lib/env.mjs";

// Administrators are evaluated on each check: `is_admin` (set by another administrator) or an
// email listed in ADMIN_EMAILS. Nothing is written at sign-in or startup, so the configuration
// stays the one source for its administrators: removing an address takes the rights away at the
// next restart, and two nodes starting together never race to promote (docs/accounts.md).

/** Whether ADMIN_EMAILS names this address. */
export function isConfigAdmin(email: string): boolean {
  return env().ADMIN_EMAILS.includes(email.toLowerCase());
}

export function isAdministrator(user: { email: string; isAdmin: boolean; deactivatedAt?: Date | null }): boolean {
  if (user.deactivatedAt) return false;
  return user.isAdmin || isConfigAdmin(user.email);
}
