import type { User } from "@prisma/client";
import type { Me, UserSummary } from "./schemas";

type SummarySource = Pick<User, "id" | "username" | "name" | "role"> & { avatarUrl?: string | null };

/** The user summary embedded everywhere; `null` (a deleted author) shows as "Deleted user". */
export function userSummary(user: SummarySource | null): UserSummary {
  if (!user) return { id: "deleted", username: "deleted", name: "Deleted user", avatar_url: null, role: "student" };
  return { id: user.id, username: user.username, name: user.name, avatar_url: user.avatarUrl ?? null, role: user.role };
}

export function presentMe(user: User & { avatarUrl?: string | null }): Me {
  return {
    ...userSummary(user),
    email: user.email,
    bio: user.bio,
    locale: (user.locale as Me["locale"]) ?? null,
    created_at: user.createdAt.toISOString(),
  };
}
