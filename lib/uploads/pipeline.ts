import "server-only";
import { ApiError, errors, zodDetails } from "@/lib/http/errors";
import { AVATAR_SIZE, processImage } from "./images";
import { storedName } from "./names";
import { assertCleanText } from "@/lib/http/input";
import { limitAction } from "@/lib/rate-limit";
import { discardBody, receiveMultipart } from "./receive";
import {
  KIND_LIMITS,
  PURPOSE_KINDS,
  UPLOAD_PURPOSES,
  UploadInput,
  maxBytesFor,
  mimesFor,
  type AllowedMime,
  type UploadKind,
  type UploadPurpose,
} from "./schemas";
import { deleteUpload, insertWithinQuota, quotaError, quotaOf, sizeError, type UploadRecord } from "./service";
import { kindLimit, sniffFile, unsupported, verdictKinds } from "./sniff";
import { ensureDirs, fileSize, moveIntoStorage, newStorageKey, removeQuietly, sha256File, thumbKeyFor, tmpPath } from "./storage";

/** Room for multipart boundaries and the small fields beside the file. */
const MULTIPART_SLACK = 64 * 1024;

function purposeError(purpose: UploadPurpose): ApiError {
  const names = mimesFor(purpose)
    .map((m) => m.split("/")[1]!.toUpperCase())
    .join(", ");
  const subject = purpose === "avatar" ? "An avatar" : purpose === "photo" ? "A photo" : "An attachment";
  return unsupported(`${subject} must be an image (${names})`);
}

const KIND_ARTICLE: Record<UploadKind, string> = {
  image: "an image",
  audio: "an audio file",
  video: "a video",
  file: "a PDF, text or ZIP file",
};

export function kindError(expected: readonly UploadKind[]): ApiError {
  return unsupported(`Expected ${expected.map((k) => KIND_ARTICLE[k]).join(" or ") || "another type of file"}`);
}

function parsePurpose(value: string | undefined): UploadPurpose | null {
  return (UPLOAD_PURPOSES as readonly string[]).includes(value ?? "") ? (value as UploadPurpose) : null;
}

// The shared pipeline of local uploads and UploadThing.

export interface PreparedFile {
  mime: AllowedMime;
  kind: UploadKind;
  name: string;
  size: number;
  etag: string;
  width?: number;
  height?: number;
  /** The bytes to store: the received file, or the re-encoded image. */
  mainPath: string;
  thumbPath?: string;
  /** Temporary files to remove whatever happens. */
  cleanup: string[];
}

/**
 * The authoritative checks on a received file (type from the bytes, purpose, per-kind limit),
 * then images decoded, re-encoded and thumbnailed.
 */
export async function prepareFile(
  path: string,
  input: { purpose: UploadPurpose; filename: string; size: number; sha256: string },
): Promise<PreparedFile> {
  const { mime, kind } = await sniffFile(path);
  if (!PURPOSE_KINDS[input.purpose].includes(kind)) throw purposeError(input.purpose);
  if (input.size > KIND_LIMITS[kind]) throw sizeError(kind, input.size);
  const name = storedName(input.filename, mime, kind);
  if (kind !== "image") return { mime, kind, name, size: input.size, etag: input.sha256, mainPath: path, cleanup: [] };
  const out = tmpPath(".img");
  const thumb = tmpPath(".thumb.webp");
  const cleanup = [out, thumb];
  try {
    const image = await processImage(path, mime, out, thumb, { maxSide: input.purpose === "avatar" ? AVATAR_SIZE : undefined });
    return {
      mime,
      kind,
      name,
      size: await fileSize(out),
      etag: await sha256File(out),
      width: image.width,
      height: image.height,
      mainPath: out,
      thumbPath: thumb,
      cleanup,
    };
  } catch (err) {
    await Promise.all(cleanup.map((f) => removeQuietly(f).catch(() => {})));
    throw err;
  }
}

/** POST /api/uploads: stream, check, store, record. */
export async function createLocalUpload(req: Request, userId: string): Promise<UploadRecord> {
  const { upload } = await receiveUpload(req, userId, { fields: ["purpose", "room_id"] });
  return upload;
}

export interface ReceiveUploadOptions {
  /** Multipart text fields to keep beside the file. */
  fields: readonly string[];
  /** A purpose fixed by the endpoint (a message's file is an attachment); else the `purpose` field. */
  purpose?: UploadPurpose;
  /** Kinds the other fields allow (a message's `message_type`), to refuse others from the first bytes. */
  kindsFor?: (fields: Record<string, string>) => readonly UploadKind[] | undefined;
}

/**
 * A multipart body's file streamed into an upload (with limits, sniffing and quota), and the
 * body's other fields: POST /api/uploads, and the multipart forms of other domains.
 */
export async function receiveUpload(
  req: Request,
  userId: string,
  options: ReceiveUploadOptions,
): Promise<{ upload: UploadRecord; fields: Record<string, string> }> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  await limitAction("upload", userId).catch((err) => {
    discardBody(req);
    throw err;
  });
  const { quota, used } = await quotaOf(userId);
  const remaining = Math.max(0, quota - used);
  // Refused before a byte is read when the declared length already says no.
  const refuseEarly = (err: ApiError) => {
    discardBody(req);
    return err;
  };
  if (Number.isFinite(declared)) {
    if (declared > maxBytesFor("attachment") + MULTIPART_SLACK) throw refuseEarly(sizeError("any", declared));
    if (declared - MULTIPART_SLACK > remaining) throw refuseEarly(quotaError(quota, used));
  }
  if (remaining === 0) throw refuseEarly(quotaError(quota, used));
  await ensureDirs();

  const received = await receiveMultipart(req, {
    fields: options.fields,
    initialLimit: Math.min(maxBytesFor("attachment"), remaining),
    initialTooLarge: () => (remaining < maxBytesFor("attachment") ? quotaError(quota, used) : sizeError("any")),
    onHead(fields, verdict) {
      const purpose = options.purpose ?? parsePurpose(fields.purpose);
      const wanted = options.kindsFor?.(fields);
      const kinds = verdictKinds(verdict).filter(
        (k) => (!purpose || PURPOSE_KINDS[purpose].includes(k)) && (!wanted || wanted.includes(k)),
      );
      if (purpose && !verdictKinds(verdict).some((k) => PURPOSE_KINDS[purpose].includes(k))) throw purposeError(purpose);
      if (kinds.length === 0) throw kindError(wanted ?? []);
      const typeLimit = verdict.type === "media" ? Math.max(...kinds.map((k) => KIND_LIMITS[k])) : kindLimit(verdict);
      const kind: UploadKind =
        verdict.type === "known" ? verdict.kind : verdict.type === "text" ? "file" : kinds.includes("video") ? "video" : "audio";
      if (remaining < typeLimit) return { limit: remaining, tooLarge: () => quotaError(quota, used) };
      return { limit: typeLimit, tooLarge: () => sizeError(kind) };
    },
  });
  const tmp = received.file.tmpPath;
  let prepared: PreparedFile | undefined;
  try {
    assertCleanText(received.fields);
    const parsed = UploadInput.safeParse(options.purpose ? { purpose: options.purpose } : received.fields);
    if (!parsed.success) throw errors.validation(zodDetails(parsed.error), "The upload's fields are not valid");
    prepared = await prepareFile(tmp, {
      purpose: parsed.data.purpose,
      filename: received.file.filename,
      size: received.file.size,
      sha256: received.file.sha256,
    });
    const storageKey = newStorageKey();
    const record = await insertWithinQuota({
      userId,
      purpose: parsed.data.purpose,
      kind: prepared.kind,
      mime: prepared.mime,
      name: prepared.name,
      size: prepared.size,
      width: prepared.width,
      height: prepared.height,
      etag: prepared.etag,
      storage: "local",
      storageKey,
      thumbKey: prepared.thumbPath ? thumbKeyFor(storageKey) : null,
      roomId: parsed.data.room_id ?? null,
    });
    try {
      await moveIntoStorage(prepared.mainPath, storageKey);
      if (prepared.thumbPath) await moveIntoStorage(prepared.thumbPath, thumbKeyFor(storageKey));
    } catch (err) {
      await deleteUpload(record).catch(() => {});
      throw err;
    }
    return { upload: record, fields: received.fields };
  } finally {
    await Promise.all([tmp, ...(prepared?.cleanup ?? [])].map((f) => removeQuietly(f).catch(() => {})));
  }
}
