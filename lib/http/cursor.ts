// Opaque pagination cursors, the one codec of every list: keyset positions over (a time, id), stable
// under inserts and ties, and offsets for ranked lists (search) that have no such key.
import { z } from "zod";
import { errors } from "./errors";

export interface CursorPosition {
  /** The list's time column (created_at, joined_at, scheduled_date...). */
  createdAt: Date;
  id: string;
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(`${p.createdAt.getTime()}:${p.id}`).toString("base64url");
}

export function decodeCursor(value: string, field = "cursor"): CursorPosition {
  const text = Buffer.from(value, "base64url").toString();
  const sep = text.indexOf(":");
  const ms = Number(text.slice(0, sep));
  const id = text.slice(sep + 1);
  const createdAt = new Date(ms);
  if (sep < 1 || !Number.isFinite(ms) || Number.isNaN(createdAt.getTime()) || !id) throw errors.validation({ [field]: ["Invalid cursor"] });
  return { createdAt, id };
}

const OFFSET = /^o:(\d{1,9})$/;

/** A cursor for a ranked list: how many rows the next page skips. */
export const encodeOffsetCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString("base64url");

/** The offset of `value` (0 without a cursor); refused past `max`, so no page is made to skip unbounded rows. */
export function decodeOffsetCursor(value: string | undefined, field: string, max: number): number {
  if (!value) return 0;
  const m = OFFSET.exec(Buffer.from(value, "base64url").toString());
  const offset = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(offset) || offset > max) throw errors.validation({ [field]: ["Invalid cursor"] });
  return offset;
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.string().max(200).optional(),
  after: z.string().max(200).optional(),
});
