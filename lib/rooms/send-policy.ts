import "server-only";
import { db, sql } from "@/lib/db/prisma";
import { singleton } from "@/lib/system/singleton";
import { ApiError, errors } from "@/lib/http/errors";

/**
 * How long a node trusts what it read of a participant's mute and the room's slow mode. Every room
 * send asks; reading it each time cost the bench's persisted acks a quarter of their rate (two ORM
 * reads) and still ~20% as one prepared statement (docs/performance.md). The node that changes
 * either forgets the room at once (`forgetSendPolicy`); another node applies the change within this.
 */
const TRUST_MS = 1_000;
/** Past this many rooms the whole cache is dropped rather than swept (it refills in a second). */
const MAX_ROOMS = 10_000;

type SendState = { mutedUntil: Date | null; slowModeSeconds: number; readAt: number };

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    roomSendStates: Map<string, Map<string, SendState>>;
  }
}
const states = () => singleton("roomSendStates", () => new Map<string, Map<string, SendState>>());

async function sendState(code: string, userId: string): Promise<SendState> {
  const now = Date.now();
  const known = states().get(code)?.get(userId);
  if (known && now - known.readAt < TRUST_MS) return known;
  const [row] = await sql<{ muted_until: Date | null; slow_mode_seconds: number | null }>(
    `select (select muted_until from room_sanctions where room_id = $1 and user_id = $2) as muted_until,
            (select slow_mode_seconds from room_moderation where room_id = $1) as slow_mode_seconds`,
    [code, userId],
  );
  const state = { mutedUntil: row?.muted_until ?? null, slowModeSeconds: row?.slow_mode_seconds ?? 0, readAt: now };
  const all = states();
  if (all.size >= MAX_ROOMS && !all.has(code)) all.clear();
  let room = all.get(code);
  if (!room) all.set(code, (room = new Map()));
  room.set(userId, state);
  return state;
}

/** A mute or the slow mode of this room changed on this node: the next send reads it again. */
export function forgetSendPolicy(code: string): void {
  states().delete(code);
}

/**
 * Whether this participant may send now: a mute answers MUTED until it ends (it is stored, so it
 * outlasts reconnects and rejoins); slow mode (`messages`: room chat) answers RATE_LIMITED when
 * their last message is too recent. The host is never held back.
 */
export async function assertMaySend(
  userId: string,
  code: string,
  opts: { slowMode?: boolean; hostId?: string | null } = {},
): Promise<void> {
  const state = await sendState(code, userId);
  const now = Date.now();
  const mutedUntil = state.mutedUntil;
  if (mutedUntil && mutedUntil.getTime() > now)
    throw new ApiError("MUTED", `The host muted you until ${mutedUntil.toISOString()}`, {
      retryAfter: Math.ceil((mutedUntil.getTime() - now) / 1000),
    });
  const seconds = opts.slowMode ? state.slowModeSeconds : 0;
  if (!seconds) return;
  const hostId =
    opts.hostId !== undefined ? opts.hostId : (await db().room.findUnique({ where: { id: code }, select: { hostId: true } }))?.hostId;
  if (hostId === userId) return;
  const last = await db().roomMessage.findFirst({
    where: { roomId: code, authorId: userId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const wait = last ? last.createdAt.getTime() + seconds * 1000 - now : 0;
  if (wait > 0) throw errors.rateLimited(wait / 1000, `Slow mode: one message every ${seconds} seconds`);
}
