import "server-only";
import { UTApi } from "uploadthing/server";
import { env } from "@/lib/env.mjs";
import { logger } from "@/lib/log/logger";

// UploadThing as a file store: the API client and deletion. Apart from uploadthing.ts (the route
// and its callbacks) so that deleting files does not pull the upload route (and sign-in) in.

const log = logger.child({ component: "uploadthing" });

export const uploadthingConfigured = (): boolean => Boolean(env().UPLOADTHING_TOKEN);

export const utapi = () => new UTApi({ token: env().UPLOADTHING_TOKEN });

/** Remove files from UploadThing (an account or upload deleted). */
export async function deleteRemoteFiles(keys: string[]): Promise<void> {
  if (!keys.length) return;
  if (!uploadthingConfigured()) {
    log.warn({ keys: keys.length }, "cannot remove files from UploadThing without UPLOADTHING_TOKEN");
    return;
  }
  await utapi().deleteFiles(keys);
}
