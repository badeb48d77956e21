import "server-only";
import type { z } from "zod";
import type { DeleteMeBody } from "@/lib/accounts/schemas";
import { removeAccount, revokeForDeletion } from "@/lib/accounts/service";
import { leaveChannelsOf } from "@/lib/chat/channels";
import { handOffRoomsOf } from "@/lib/rooms/service";
import { removeUploadsOf } from "@/lib/uploads/lifecycle";

/**
 * DELETE /api/me: one use case across the domains an account touches, in this order.
 * A feature that keeps something per user adds its step here (before the row goes: its cascade
 * would take what the step needs).
 */
export async function deleteAccount(userId: string, input: z.infer<typeof DeleteMeBody>): Promise<void> {
  // Revoke first: from here on no token of this user works, even if a step below is slow.
  await revokeForDeletion(userId, input);
  // Hosted rooms pass to the longest-present participant.
  await handOffRoomsOf(userId);
  // Owned channels pass on; memberships end (their counts move before the cascade would hide it).
  await leaveChannelsOf(userId);
  // Uploads: rows, then files.
  await removeUploadsOf(userId);
  await removeAccount(userId);
}
