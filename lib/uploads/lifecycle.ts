import "server-only";
import { logger } from "@/lib/log/logger";
import { deleteUploadsOfUser, removeStaleUploads } from "./service";

const log = logger.child({ component: "uploads" });
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** An account is being deleted (lib/app/delete-account.ts): its uploads go with it, rows then files (on disk or UploadThing). */
export async function removeUploadsOf(userId: string): Promise<void> {
  const removed = await deleteUploadsOfUser(userId);
  if (removed) log.info({ userId, removed }, "removed the uploads of a deleted account");
}

/** Started once by the composition root: removes uploads no domain referenced within a day, hourly. Returns the way to stop. */
export function startUploadCleanup(): () => void {
  const run = () => {
    removeStaleUploads()
      .then((removed) => removed && log.info({ removed }, "removed unused uploads"))
      .catch((err) => log.error({ err }, "upload cleanup failed"));
  };
  // A first pass soon after boot, then hourly; neither keeps the process alive.
  const timers = [setTimeout(run, 60_000), setInterval(run, CLEANUP_EVERY_MS)];
  for (const timer of timers) timer.unref();
  return () => {
    for (const timer of timers) clearTimeout(timer);
  };
}
