import "server-only";
import { logger } from "@/lib/log/logger";
import { deleteUploadsOfUser } from "./service";

// The hourly cleanup of unused uploads is a scheduled job (./jobs.ts).

const log = logger.child({ component: "uploads" });

/** An account is being deleted (lib/app/delete-account.ts): its uploads go with it, rows then files (on disk or UploadThing). */
export async function removeUploadsOf(userId: string): Promise<void> {
  const removed = await deleteUploadsOfUser(userId);
  if (removed) log.info({ userId, removed }, "removed the uploads of a deleted account");
}
