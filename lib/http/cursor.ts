// Opaque pagination cursors over (created_at, id): stable under inserts and ties.
import { z } from "zod";
import { errors } from "./errors";

export interface CursorPosition {
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
  if (sep < 1 || !Number.isFinite(ms) || !id) throw errors.validation({ [field]: ["Invalid cursor"] });
  return { createdAt: new Date(ms), id };
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.string().max(200).optional(),
  after: z.string().max(200).optional(),
});
