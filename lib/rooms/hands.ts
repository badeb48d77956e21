import "server-only";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import type { HandJson } from "./class-schemas";
import { requireOpenParticipant } from "./access";

/** Raised hands in raise order. */
export async function listHands(code: string): Promise<HandJson[]> {
  const hands = await db().roomHand.findMany({
    where: { roomId: code },
    orderBy: [{ raisedAt: "asc" }, { userId: "asc" }],
    include: { user: { select: userSummarySelect } },
  });
  return hands.map((h) => ({ user: userSummary(h.user), raised_at: h.raisedAt.toISOString() }));
}

async function announce(code: string): Promise<HandJson[]> {
  const hands = await listHands(code);
  publish("rooms.hands_updated", { roomId: code, hands });
  return hands;
}

/** Raising again keeps the original place in the queue. */
export async function raiseHand(userId: string, code: string, raised: boolean): Promise<HandJson[]> {
  await requireOpenParticipant(userId, code);
  await limitAction("interaction", userId);
  if (raised) await db().roomHand.createMany({ data: [{ roomId: code, userId }], skipDuplicates: true });
  else await db().roomHand.deleteMany({ where: { roomId: code, userId } });
  return announce(code);
}

export async function lowerHand(userId: string, code: string, targetId: string): Promise<HandJson[]> {
  const room = await requireOpenParticipant(userId, code);
  if (room.hostId !== userId && targetId !== userId) throw errors.forbidden("Only the host can lower someone else's hand");
  await db().roomHand.deleteMany({ where: { roomId: code, userId: targetId } });
  return announce(code);
}

/** A participant who is removed has no hand up any more. */
export async function dropHand(code: string, userId: string): Promise<void> {
  const { count } = await db().roomHand.deleteMany({ where: { roomId: code, userId } });
  if (count) await announce(code);
}
