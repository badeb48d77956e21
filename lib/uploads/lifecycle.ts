import "server-only";
import { onAccountDeleted } from "@/lib/accounts/service";
import { logger } from "@/lib/log/logger";
import { deleteUploadsOfUser, removeStaleUploads } from "./service";

const log = logger.child({ component: "uploads" });
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

// Both module graphs (server.ts and Next's bundle) may load this file: the hook is registered by
// name (the last one wins) and the timers live on globalThis.
const g = globalThis as unknown as { __m2gUploadCleanup?: NodeJS.Timeout[] };

export function registerUploadHooks(): void {
  // A deleted account's uploads go with it: rows, then files on disk (or on UploadThing).
  onAccountDeleted("uploads", async (userId) => {
    const removed = await deleteUploadsOfUser(userId);
    if (removed) log.info({ userId, removed }, "removed the uploads of a deleted account");
  });
}

/** Started by server.ts: removes uploads no domain referenced within a day, hourly. */
export function startUploadCleanup(): () => void {
  registerUploadHooks();
  if (g.__m2gUploadCleanup) return () => stopUploadCleanup();
  const run = () => {
    removeStaleUploads()
      .then((removed) => removed && log.info({ removed }, "removed unused uploads"))
      .catch((err) => log.error({ err }, "upload cleanup failed"));
  };
  // A first pass soon after boot, then hourly; neither keeps the process alive.
  g.__m2gUploadCleanup = [setTimeout(run, 60_000), setInterval(run, CLEANUP_EVERY_MS)];
  for (const timer of g.__m2gUploadCleanup) timer.unref();
  return () => stopUploadCleanup();
}

export function stopUploadCleanup(): void {
  for (const timer of g.__m2gUploadCleanup ?? []) clearTimeout(timer);
  g.__m2gUploadCleanup = undefined;
}

registerUploadHooks();
