import { randomBytes } from "node:crypto";

// Ids made in the app (rows written by batched raw SQL, where Prisma's @default(cuid()) does not
// run). Same shape as cuid v1 — "c", time, counter, random — so they sort by creation within a
// process and ties on created_at page in the order they were sent.
let counter = 0;
let lastMs = 0;

export function newId(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    counter = 0;
  }
  counter = (counter + 1) % 36 ** 4;
  return `c${now.toString(36).padStart(9, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex").slice(0, 11)}`;
}
