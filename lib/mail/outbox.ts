import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mailDir } from "./config";
import type { OutboxEntry } from "./transport";

/** The development outbox, newest first (the /dev/mail page). */
export async function listOutbox(limit = 100): Promise<OutboxEntry[]> {
  const dir = mailDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  const entries = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), "utf8").catch(() => "null")) as OutboxEntry | null),
  );
  return entries.filter((e): e is OutboxEntry => !!e);
}
