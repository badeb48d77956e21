import "server-only";
import type { Prisma } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import type { AuditEntryJson } from "./schemas";

export interface AuditRecord {
  actorId: string;
  action: string;
  targetType: "user" | "report" | "message";
  targetId: string;
  details?: Prisma.InputJsonObject;
}

type Tx = Pick<ReturnType<typeof db>, "auditEntry">;

/** Append to the audit log, inside the caller's transaction when it has one (the change and its entry commit together). */
export async function writeAudit(entries: AuditRecord | AuditRecord[], tx: Tx = db()): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return;
  await tx.auditEntry.createMany({
    data: list.map((e) => ({
      actorId: e.actorId,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      details: e.details ?? {},
    })),
  });
}

/** Newest first, paged by (created_at, id). */
export async function auditPage(q: { before?: string; limit: number }): Promise<{ entries: AuditEntryJson[]; next_cursor: string | null }> {
  const cursor = q.before ? decodeCursor(q.before, "before") : null;
  const rows = await db().auditEntry.findMany({
    where: cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    include: { actor: { select: userSummarySelect } },
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      actor: userSummary(r.actor),
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      details: (r.details ?? {}) as Record<string, unknown>,
      created_at: r.createdAt.toISOString(),
    })),
    next_cursor: more ? encodeCursor(page[page.length - 1]!) : null,
  };
}
