import "server-only";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";
import type { ModerationJson } from "./class-schemas";

// Read apart from the moderation actions (./moderation.ts) so the service can tell a new host
// the host's view without an import cycle (moderation.ts uses the service to remove people).

/** At most this many banned users listed to the host (the most recent). */
const MAX_BANNED_LISTED = 200;

/**
 * The room's slow mode and current mutes (everyone sees who is muted, and until when); with
 * `host`, also who is banned (the host's view: bans are the host's business, not the class's).
 */
export async function moderationState(code: string, { host = false }: { host?: boolean } = {}): Promise<ModerationJson> {
  const [settings, muted, banned] = await Promise.all([
    db().roomModeration.findUnique({ where: { roomId: code } }),
    db().roomSanction.findMany({ where: { roomId: code, mutedUntil: { gt: new Date() } }, orderBy: { mutedUntil: "asc" } }),
    host
      ? db().roomSanction.findMany({
          where: { roomId: code, bannedAt: { not: null } },
          orderBy: { bannedAt: "desc" },
          take: MAX_BANNED_LISTED,
          include: { user: { select: userSummarySelect } },
        })
      : null,
  ]);
  return {
    room_id: code,
    slow_mode_seconds: settings?.slowModeSeconds ?? 0,
    muted: muted.map((m) => ({ user_id: m.userId, until: m.mutedUntil!.toISOString() })),
    ...(banned ? { banned: banned.map((b) => ({ user: userSummary(b.user), banned_at: b.bannedAt!.toISOString() })) } : {}),
  };
}

/** Tells the room (the host gets the host's view) and answers the host's view. */
export async function announceModeration(code: string, hostId: string | null): Promise<ModerationJson> {
  const [moderation, hostModeration] = await Promise.all([moderationState(code), moderationState(code, { host: true })]);
  publish("rooms.moderation_changed", { roomId: code, hostId, moderation, hostModeration });
  return hostModeration;
}
