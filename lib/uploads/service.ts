import "server-only";
import type { Prisma, Upload } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env.mjs";
import { ApiError, errors } from "@/lib/http/errors";
import { logger } from "@/lib/log/logger";
import {
  ALLOWED_TYPES,
  KIND_LIMITS,
  PURPOSE_KINDS,
  UPLOAD_KINDS,
  UPLOAD_PURPOSES,
  formatBytes,
  maxBytesFor,
  type AllowedMime,
  type UploadConfigJson,
  type UploadKind,
  type UploadPurpose,
} from "./schemas";
import { removeKey, removeStaleTmpFiles } from "./storage";
import { deleteRemoteFiles } from "./remote-store";
import { singleton } from "@/lib/system/singleton";

export type UploadRecord = Upload;

// The uploads domain for other domains: quota, access rules, referencing and removal. The
// receiving pipeline (streaming, sniffing, image processing) is in pipeline.ts.

const log = logger.child({ component: "uploads" });

export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

// ---- limits and quota ----

const KIND_NAMES: Record<UploadKind, string> = { image: "Images", audio: "Audio files", video: "Videos", file: "Attachments" };

export function sizeError(kind: UploadKind | "any", size?: number): ApiError {
  const limit = kind === "any" ? maxBytesFor("attachment") : KIND_LIMITS[kind];
  const what = kind === "any" ? "Files" : KIND_NAMES[kind];
  return new ApiError(
    "PAYLOAD_TOO_LARGE",
    `${what} can be at most ${formatBytes(limit)}${size ? ` (this one is ${formatBytes(size)})` : ""}`,
  );
}

export function quotaError(quota: number, used: number): ApiError {
  return new ApiError(
    "PAYLOAD_TOO_LARGE",
    `Upload quota exceeded: your files use ${formatBytes(used)} of your ${formatBytes(quota)}, and this file does not fit`,
  );
}

export async function quotaOf(userId: string, client: Prisma.TransactionClient = db()): Promise<{ quota: number; used: number }> {
  const [user, sum] = await Promise.all([
    client.user.findUnique({ where: { id: userId }, select: { uploadQuotaBytes: true } }),
    client.upload.aggregate({ where: { userId }, _sum: { size: true } }),
  ]);
  if (!user) throw errors.unauthenticated();
  const quota = user.uploadQuotaBytes === null ? env().UPLOAD_QUOTA_BYTES : Number(user.uploadQuotaBytes);
  return { quota, used: sum._sum.size ?? 0 };
}

/** Insert the record if it fits the owner's quota; concurrent uploads of one user queue on a lock. */
export async function insertWithinQuota(data: Prisma.UploadUncheckedCreateInput): Promise<UploadRecord> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`uploads:${data.userId}`}))`;
    const { quota, used } = await quotaOf(data.userId, tx);
    if (used + data.size > quota) throw quotaError(quota, used);
    return tx.upload.create({ data });
  });
}

// ---- access ----

export type UploadAccessRule = (upload: UploadRecord, userId: string) => boolean | Promise<boolean>;

// Rules are registered by other domains from either module graph (server.ts or Next's bundle):
// keep them on globalThis, keyed so a module evaluated twice replaces rather than duplicates.
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    uploadAccessRules: Map<string, UploadAccessRule>;
  }
}
const rules = singleton("uploadAccessRules", () => new Map());

/**
 * Let a domain grant access to uploads shared through it, e.g. `registerUploadAccessRule("rooms",
 * (upload, userId) => upload.roomId ? isParticipant(upload.roomId, userId) : false)`. Registered by
 * the composition root (lib/app/compose.ts), once, before the server listens.
 */
export function registerUploadAccessRule(name: string, rule: UploadAccessRule): void {
  rules.set(name, rule);
}

/** The uploader; any signed-in user for avatars; otherwise whatever a registered rule allows. */
export async function canAccessUpload(upload: UploadRecord, userId: string): Promise<boolean> {
  if (upload.userId === userId) return true;
  if (upload.purpose === "avatar") return true;
  for (const [name, rule] of rules) {
    try {
      if (await rule(upload, userId)) return true;
    } catch (err) {
      log.error({ err, rule: name, uploadId: upload.id }, "upload access rule failed");
    }
  }
  return false;
}

export async function getUploadForUser(id: string, userId: string): Promise<UploadRecord> {
  const upload = await db().upload.findUnique({ where: { id } });
  if (!upload) throw errors.notFound("Upload");
  if (!(await canAccessUpload(upload, userId))) throw errors.forbidden("You are not allowed to see this file");
  return upload;
}

// ---- use by other domains ----

/**
 * An upload the caller may reference: their own, of an allowed purpose and kind. `field` names
 * the request field in validation errors.
 */
export async function findOwnUpload(
  id: string,
  userId: string,
  options: { purposes?: readonly UploadPurpose[]; kinds?: readonly UploadKind[]; field?: string } = {},
): Promise<UploadRecord> {
  const field = options.field ?? "upload_id";
  const upload = await db().upload.findUnique({ where: { id } });
  if (!upload) throw errors.validation({ [field]: ["No such upload"] }, "The upload does not exist");
  if (upload.userId !== userId) throw errors.forbidden("You can only use your own uploads");
  if (options.purposes && !options.purposes.includes(upload.purpose)) {
    throw errors.validation(
      { [field]: [`Must be an upload with purpose ${options.purposes.join(" or ")}`] },
      "This upload cannot be used here",
    );
  }
  if (options.kinds && !options.kinds.includes(upload.kind)) {
    throw errors.validation({ [field]: [`Must be ${options.kinds.join(" or ")}`] }, "This upload cannot be used here");
  }
  return upload;
}

/** Mark an upload as referenced, which keeps it from the cleanup of unused uploads. */
export async function markUploadAttached(id: string): Promise<void> {
  await db().upload.updateMany({ where: { id, attachedAt: null }, data: { attachedAt: new Date() } });
}

/** `findOwnUpload` then `markUploadAttached`: what a domain calls when a message or photo references a file. */
export async function claimUpload(
  id: string,
  userId: string,
  options: { purposes?: readonly UploadPurpose[]; kinds?: readonly UploadKind[]; field?: string } = {},
): Promise<UploadRecord> {
  const upload = await findOwnUpload(id, userId, options);
  await markUploadAttached(upload.id);
  return { ...upload, attachedAt: upload.attachedAt ?? new Date() };
}

// ---- removal ----

async function removeStoredFiles(uploads: UploadRecord[]): Promise<void> {
  const remote: string[] = [];
  for (const u of uploads) {
    if (u.storage === "local") {
      await removeKey(u.storageKey).catch((err) => log.error({ err, uploadId: u.id }, "could not remove an upload file"));
      await removeKey(u.thumbKey).catch((err) => log.error({ err, uploadId: u.id }, "could not remove a thumbnail"));
    } else {
      remote.push(u.storageKey, ...(u.thumbKey ? [u.thumbKey] : []));
    }
  }
  if (remote.length) {
    await deleteRemoteFiles(remote).catch((err) => log.error({ err, keys: remote.length }, "could not remove files from UploadThing"));
  }
}

/** Remove the record (references to it drop: an avatar is cleared) and then its files. */
export async function deleteUpload(upload: UploadRecord | string): Promise<void> {
  const record = typeof upload === "string" ? await db().upload.findUnique({ where: { id: upload } }) : upload;
  if (!record) return;
  await db().upload.deleteMany({ where: { id: record.id } });
  await removeStoredFiles([record]);
}

/** Every upload of an account that is being deleted: rows first, then files on disk. */
export async function deleteUploadsOfUser(userId: string): Promise<number> {
  const uploads = await db().upload.findMany({ where: { userId } });
  await db().user.updateMany({ where: { id: userId }, data: { avatarUploadId: null } });
  await db().upload.deleteMany({ where: { userId } });
  await removeStoredFiles(uploads);
  return uploads.length;
}

/** Uploads no domain referenced within a day, and temporary files of interrupted uploads. */
export async function removeStaleUploads(olderThanMs = UNATTACHED_TTL_MS): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  let removed = 0;
  for (;;) {
    const batch = await db().upload.findMany({ where: { attachedAt: null, createdAt: { lt: cutoff } }, take: 100 });
    if (!batch.length) break;
    for (const upload of batch) {
      // Attached meanwhile? Then it stays, files and all.
      const { count } = await db().upload.deleteMany({ where: { id: upload.id, attachedAt: null } });
      if (!count) continue;
      await removeStoredFiles([upload]);
      removed++;
    }
    if (batch.length < 100) break;
  }
  await removeStaleTmpFiles(60 * 60 * 1000).catch((err) => log.warn({ err }, "could not sweep temporary upload files"));
  return removed;
}

// ---- configuration for clients ----

export async function uploadConfig(userId: string): Promise<UploadConfigJson> {
  const { quota, used } = await quotaOf(userId);
  return {
    provider: env().UPLOADTHING_TOKEN ? "uploadthing" : "local",
    kinds: Object.fromEntries(
      UPLOAD_KINDS.map((kind) => [
        kind,
        {
          max_bytes: KIND_LIMITS[kind],
          mimes: (Object.keys(ALLOWED_TYPES) as AllowedMime[]).filter((m) => ALLOWED_TYPES[m].kind === kind),
        },
      ]),
    ) as UploadConfigJson["kinds"],
    purposes: Object.fromEntries(
      UPLOAD_PURPOSES.map((p) => [p, { kinds: [...PURPOSE_KINDS[p]], max_bytes: maxBytesFor(p) }]),
    ) as UploadConfigJson["purposes"],
    quota_bytes: quota,
    used_bytes: used,
  };
}
