import "server-only";
import { createHash } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import type { NextRequest } from "next/server";
import { createRouteHandler, createUploadthing, type FileRouter } from "uploadthing/next";
import { UploadThingError, UTFile } from "uploadthing/server";
import { z } from "zod";
import { authenticateRequest } from "@/lib/auth/authenticate";
import { env } from "@/lib/env.mjs";
import { ApiError, toApiError, type ErrorCode } from "@/lib/http/errors";
import { runForRequest } from "@/lib/http/request-context";
import { limitAction } from "@/lib/rate-limit";
import { logger } from "@/lib/log/logger";
import { presentUpload } from "./present";
import { maxBytesFor, type UploadJson, type UploadPurpose } from "./schemas";
import { uploadthingRouteConfig } from "./uploadthing-config";
import { prepareFile } from "./pipeline";
import { insertWithinQuota, quotaError, quotaOf, sizeError } from "./service";
import { ensureDirs, removeQuietly, tmpPath } from "./storage";
import { deleteRemoteFiles, utapi } from "./remote-store";

// UploadThing (with UPLOADTHING_TOKEN): the browser sends the bytes to UploadThing; this server
// authorises each upload in `middleware` and, in `onUploadComplete`, fetches the stored file,
// runs the same checks and image re-encoding as local uploads, and records the same row.

const log = logger.child({ component: "uploadthing" });

const UT_CODE: Partial<Record<string, ErrorCode>> = {
  BAD_REQUEST: "VALIDATION_ERROR",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  TOO_MANY_FILES: "VALIDATION_ERROR",
};

const f = createUploadthing({
  // Errors reach the browser in the contract's shape.
  errorFormatter: (err) => ({ success: false, error: err.message, code: UT_CODE[err.code] ?? "INTERNAL" }),
});

const utError = (err: ApiError) =>
  new UploadThingError({
    code:
      err.code === "UNAUTHENTICATED" || err.code === "FORBIDDEN"
        ? "FORBIDDEN"
        : err.code === "PAYLOAD_TOO_LARGE"
          ? "TOO_LARGE"
          : "BAD_REQUEST",
    message: err.message,
  });

const Input = z.object({ room_id: z.string().trim().min(1).max(64).optional() });

function route(purpose: UploadPurpose) {
  return f(uploadthingRouteConfig(purpose) as Parameters<typeof f>[0], { awaitServerData: true })
    .input(Input)
    .middleware(async ({ req, files, input }) => {
      // The same session (cookie or Bearer token) and CSRF rule as every other route.
      const auth = await authenticateRequest(req).catch(() => null);
      if (!auth) throw new UploadThingError({ code: "FORBIDDEN", message: "Sign in to upload files" });
      if (files.length !== 1) throw new UploadThingError({ code: "BAD_REQUEST", message: "Send one file per request" });
      const declared = files[0]!.size;
      if (declared > maxBytesFor(purpose)) throw utError(sizeError("any", declared));
      await runForRequest(req, () => limitAction("upload", auth.user.id)).catch((err) => {
        throw utError(toApiError(err));
      });
      const { quota, used } = await quotaOf(auth.user.id);
      if (used + declared > quota) throw utError(quotaError(quota, used));
      return { userId: auth.user.id, purpose, roomId: input?.room_id ?? null };
    })
    .onUploadComplete(async ({ metadata, file }) => {
      const upload = await recordRemoteUpload(metadata, file);
      return { upload };
    });
}

export const uploadRouter = {
  avatar: route("avatar"),
  photo: route("photo"),
  attachment: route("attachment"),
} satisfies FileRouter;
export type UploadRouter = typeof uploadRouter;

let handlers: ReturnType<typeof createRouteHandler> | undefined;

/** GET/POST handlers for /api/uploadthing; null without UPLOADTHING_TOKEN. */
export function uploadthingHandlers(): {
  GET: (req: NextRequest) => Promise<Response>;
  POST: (req: NextRequest) => Promise<Response>;
} | null {
  const token = env().UPLOADTHING_TOKEN;
  if (!token) return null;
  handlers ??= createRouteHandler({
    router: uploadRouter,
    config: { token, callbackUrl: `${env().APP_URL}/api/uploadthing`, logLevel: "Warning" },
  });
  return handlers;
}

interface RemoteFile {
  key: string;
  name: string;
  size: number;
  ufsUrl: string;
  fileHash: string;
}

/** Download a stored file to a temporary path, refusing beyond `limit` bytes. */
async function download(url: string, limit: number): Promise<{ path: string; size: number; sha256: string }> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new ApiError("UNAVAILABLE", "The uploaded file could not be fetched from UploadThing");
  const path = tmpPath(".remote");
  const fh = await open(path, "wx", 0o640);
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw sizeError("any", size);
      hash.update(chunk);
      await fh.write(chunk);
    }
  } catch (err) {
    await fh.close().catch(() => {});
    await removeQuietly(path).catch(() => {});
    throw err;
  }
  await fh.close();
  return { path, size, sha256: hash.digest("hex") };
}

/**
 * onUploadComplete: the same checks as a local upload on the bytes UploadThing stored. Images
 * are replaced on UploadThing by their re-encoded version (no EXIF/GPS) plus a thumbnail. A file
 * that fails a check is deleted from UploadThing and never recorded.
 */
export async function recordRemoteUpload(
  meta: { userId: string; purpose: UploadPurpose; roomId: string | null },
  file: RemoteFile,
): Promise<UploadJson> {
  await ensureDirs();
  const uploaded: string[] = [];
  let local: Awaited<ReturnType<typeof download>> | undefined;
  let cleanup: string[] = [];
  try {
    local = await download(file.ufsUrl, maxBytesFor(meta.purpose));
    const prepared = await prepareFile(local.path, { purpose: meta.purpose, filename: file.name, size: local.size, sha256: local.sha256 });
    cleanup = prepared.cleanup;
    let stored = { key: file.key, url: file.ufsUrl, etag: file.fileHash || local.sha256 };
    let thumb: { key: string; url: string; size: number } | null = null;
    if (prepared.thumbPath) {
      const [main, small] = await utapi().uploadFiles([
        new UTFile([new Uint8Array(await readFile(prepared.mainPath))], prepared.name, { type: prepared.mime }),
        new UTFile([new Uint8Array(await readFile(prepared.thumbPath))], "thumb.webp", { type: "image/webp" }),
      ]);
      if (!main?.data || !small?.data) throw new ApiError("UNAVAILABLE", "The processed image could not be stored on UploadThing");
      uploaded.push(main.data.key, small.data.key);
      stored = { key: main.data.key, url: main.data.ufsUrl, etag: prepared.etag };
      thumb = { key: small.data.key, url: small.data.ufsUrl, size: small.data.size };
      await deleteRemoteFiles([file.key]).catch((err) => log.warn({ err }, "could not delete the original image"));
    }
    const record = await insertWithinQuota({
      userId: meta.userId,
      purpose: meta.purpose,
      kind: prepared.kind,
      mime: prepared.mime,
      name: prepared.name,
      size: prepared.size,
      width: prepared.width,
      height: prepared.height,
      etag: stored.etag,
      storage: "uploadthing",
      storageKey: stored.key,
      remoteUrl: stored.url,
      thumbKey: thumb?.key ?? null,
      thumbUrl: thumb?.url ?? null,
      thumbSize: thumb?.size ?? null,
      roomId: meta.roomId,
    });
    return presentUpload(record);
  } catch (err) {
    const apiError = toApiError(err);
    if (apiError.code === "INTERNAL") log.error({ err }, "recording an UploadThing upload failed");
    await deleteRemoteFiles([file.key, ...uploaded]).catch(() => {});
    throw utError(apiError);
  } finally {
    await Promise.all([local?.path, ...cleanup].map((p) => removeQuietly(p).catch(() => {})));
  }
}
