import "server-only";
import type { Message, MessageReport, Prisma, RoomMessage, User } from "@prisma/client";
import { userSummary, userSummarySelect, type SummarySource } from "@/lib/accounts/present";
import { requireRead } from "@/lib/chat/channels";
import { moderatorDeleteMessage } from "@/lib/chat/messages";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { deleteRoomMessage } from "@/lib/rooms/moderation";
import { requireParticipant } from "@/lib/rooms/access";
import { writeAudit } from "./audit";
import type { ReportJson } from "./schemas";

// A report names the message by its id, whichever chat it lives in: channel and direct messages
// (table messages) and room chat messages (table room_messages) all have cuid ids, which never
// collide, so POST /api/messages/:id/report looks in the first and then the second.

type Target = { kind: "message"; message: Message & { channel: { slug: string } | null } } | { kind: "room"; message: RoomMessage };

async function readableTarget(userId: string, id: string): Promise<Target> {
  const message = await db().message.findUnique({ where: { id }, include: { channel: { select: { slug: true } } } });
  if (message) {
    if (message.channel) await requireRead(userId, message.channel.slug);
    else if (message.authorId !== userId && message.receiverId !== userId) throw errors.forbidden("This is not your conversation");
    if (message.deletedAt) throw errors.conflict("This message was deleted");
    return { kind: "message", message };
  }
  const roomMessage = await db().roomMessage.findUnique({ where: { id } });
  if (roomMessage) {
    await requireParticipant(userId, roomMessage.roomId);
    return { kind: "room", message: roomMessage };
  }
  throw errors.notFound("Message");
}

/** Anyone who can read the message reports it once (while their report is open). */
export async function reportMessage(userId: string, id: string, reason: string): Promise<MessageReport> {
  const target = await readableTarget(userId, id);
  const link = target.kind === "message" ? { messageId: id } : { roomMessageId: id };
  const open = await db().messageReport.findFirst({ where: { ...link, reporterId: userId, status: "open" } });
  if (open) throw errors.conflict("You already reported this message");
  return db().messageReport.create({ data: { ...link, reporterId: userId, reason: reason.normalize("NFC") } });
}

const REPORT_INCLUDE = {
  reporter: { select: userSummarySelect },
  resolvedBy: { select: userSummarySelect },
  message: { include: { author: { select: userSummarySelect }, channel: { select: { slug: true } } } },
  roomMessage: { include: { author: { select: userSummarySelect } } },
} satisfies Prisma.MessageReportInclude;
type ReportRow = Prisma.MessageReportGetPayload<{ include: typeof REPORT_INCLUDE }>;

type Line = { id: string; author: SummarySource | null; content: string | null; deletedAt?: Date | null; createdAt: Date };
const line = (m: Line) => ({
  id: m.id,
  author: userSummary(m.author),
  content: m.deletedAt ? null : m.content,
  deleted: !!m.deletedAt,
  created_at: m.createdAt.toISOString(),
});

const AROUND = 2;

async function present(r: ReportRow): Promise<ReportJson> {
  let message: ReportJson["message"] = null;
  if (r.message) {
    const m = r.message;
    // A thread reply's neighbours are its thread's (its seq numbers in the thread, not the channel).
    const scope = m.threadId
      ? { threadId: m.threadId }
      : m.channelId
        ? { channelId: m.channelId, threadId: null }
        : { conversationId: m.conversationId };
    const context = await db().message.findMany({
      where: { ...scope, seq: { gte: m.seq - AROUND, lte: m.seq + AROUND } },
      orderBy: { seq: "asc" },
      include: { author: { select: userSummarySelect } },
    });
    message = {
      ...line(m),
      kind: m.channelId ? "channel" : "direct",
      channel: m.channel?.slug ?? null,
      room_id: null,
      context: context.map(line),
    };
  } else if (r.roomMessage) {
    const m = r.roomMessage;
    const include = { author: { select: userSummarySelect } };
    const [before, after] = await Promise.all([
      db().roomMessage.findMany({
        where: { roomId: m.roomId, createdAt: { lt: m.createdAt } },
        orderBy: { createdAt: "desc" },
        take: AROUND,
        include,
      }),
      db().roomMessage.findMany({
        where: { roomId: m.roomId, createdAt: { gt: m.createdAt } },
        orderBy: { createdAt: "asc" },
        take: AROUND,
        include,
      }),
    ]);
    message = { ...line(m), kind: "room", channel: null, room_id: m.roomId, context: [...before.reverse(), m, ...after].map(line) };
  }
  return {
    id: r.id,
    message,
    reporter: userSummary(r.reporter),
    reason: r.reason,
    status: r.status,
    resolution: (r.resolution as ReportJson["resolution"]) ?? null,
    resolved_by: r.resolvedBy ? userSummary(r.resolvedBy) : null,
    resolved_at: r.resolvedAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}

export const REPORTS_PAGE = 100;

/** Newest first (open: the queue to work through; resolved: the latest decisions). */
export async function listReports(status: "open" | "resolved"): Promise<ReportJson[]> {
  const rows = await db().messageReport.findMany({
    where: { status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: REPORTS_PAGE,
    include: REPORT_INCLUDE,
  });
  return Promise.all(rows.map(present));
}

/**
 * Dismiss the report, or delete the message (a soft delete for channel and direct messages, the
 * row for room chat) and resolve every open report of it. Audit-logged; 409 when already resolved.
 */
export async function resolveReport(actor: User, id: string, action: "dismiss" | "delete_message"): Promise<ReportJson> {
  const report = await db().messageReport.findUnique({ where: { id } });
  if (!report) throw errors.notFound("Report");
  if (report.status !== "open") throw errors.conflict("This report is already resolved");
  const resolved = { status: "resolved" as const, resolution: action, resolvedById: actor.id, resolvedAt: new Date() };
  const messageId = report.messageId ?? report.roomMessageId;
  const claimed = await db().messageReport.updateMany({ where: { id, status: "open" }, data: resolved });
  if (!claimed.count) throw errors.conflict("This report is already resolved");
  const log = [
    {
      actorId: actor.id,
      action: `report.${action === "dismiss" ? "dismissed" : "message_deleted"}`,
      targetType: "report" as const,
      targetId: id,
      details: { message_id: messageId },
    },
  ];
  if (action === "delete_message" && messageId) {
    // The message goes: every other open report of it is settled the same way (first: a room
    // message's reports lose their link when its row is deleted).
    await db().messageReport.updateMany({
      where: { status: "open", ...(report.messageId ? { messageId: report.messageId } : { roomMessageId: report.roomMessageId }) },
      data: resolved,
    });
    if (report.messageId) await moderatorDeleteMessage(report.messageId);
    else if (report.roomMessageId) await deleteRoomMessage(report.roomMessageId);
  }
  await writeAudit(log);
  const row = await db().messageReport.findUniqueOrThrow({ where: { id }, include: REPORT_INCLUDE });
  return present(row);
}
