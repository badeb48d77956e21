import type { Prisma, User } from "@prisma/client";
import { uploadUrl } from "@/lib/uploads/schemas";
import { isAdministrator } from "./admins";
import type { Me, UserSummary } from "./schemas";

/** What a user summary needs: select these wherever users are loaded for one. */
export const userSummarySelect = {
  id: true,
  username: true,
  name: true,
  role: true,
  avatarUploadId: true,
} as const satisfies Prisma.UserSelect;

export type SummarySource = Pick<User, "id" | "username" | "name" | "role" | "avatarUploadId">;

/** The user summary embedded everywhere; `null` (a deleted author) shows as "Deleted user". */
export function userSummary(user: SummarySource | null): UserSummary {
  if (!user) return { id: "deleted", username: "deleted", name: "Deleted user", avatar_url: null, role: "student" };
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    avatar_url: user.avatarUploadId ? uploadUrl(user.avatarUploadId) : null,
    role: user.role,
  };
}

export function presentMe(user: User): Me {
  return {
    ...userSummary(user),
    email: user.email,
    bio: user.bio,
    locale: (user.locale as Me["locale"]) ?? null,
    created_at: user.createdAt.toISOString(),
    is_admin: isAdministrator(user),
    instructor_requested: !!user.instructorRequestedAt,
  };
}
