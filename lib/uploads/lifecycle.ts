import "server-only";
import { onAccountDeleted } from "@/lib/accounts/service";
import { logger } from "@/lib/log/logger";
import { deleteUploadsOfUser } from "./service";

const log = logger.child({ component: "uploads" });

// Both module graphs (server.ts and Next's bundle) may load this file: the hook is registered by
// name (the last one wins). The hourly cleanup of unused uploads is a scheduled job (./jobs.ts).
export function registerUploadHooks(): void {
  // A deleted account's uploads go with it: rows, then files on disk (or on UploadThing).
  onAccountDeleted("uploads", async (userId) => {
    const removed = await deleteUploadsOfUser(userId);
    if (removed) log.info({ userId, removed }, "removed the uploads of a deleted account");
  });
}

registerUploadHooks();
