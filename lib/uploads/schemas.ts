// The one table of what may be uploaded, how large, and for what: shared by the local upload
// route, the UploadThing file routes, the OpenAPI document and the browser controls.
// No server-only imports.
import { z } from "zod";

export const MB = 1024 * 1024;

export const UPLOAD_KINDS = ["image", "audio", "video", "file"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_PURPOSES = ["avatar", "photo", "attachment"] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** Per-kind size limits (MB = 1024 * 1024 bytes, as UploadThing counts them too). */
export const KIND_LIMITS: Record<UploadKind, number> = {
  image: 10 * MB,
  audio: 25 * MB,
  video: 100 * MB,
  file: 25 * MB,
};

/** Allowed types, as recorded and served; `ext` lists the extensions a stored name may keep (first = default). */
export const ALLOWED_TYPES = {
  "image/jpeg": { kind: "image", ext: ["jpg", "jpeg"] },
  "image/png": { kind: "image", ext: ["png"] },
  "image/webp": { kind: "image", ext: ["webp"] },
  "image/gif": { kind: "image", ext: ["gif"] },
  "audio/mpeg": { kind: "audio", ext: ["mp3"] },
  "audio/ogg": { kind: "audio", ext: ["ogg", "oga", "opus"] },
  "audio/webm": { kind: "audio", ext: ["weba", "webm"] },
  "audio/wav": { kind: "audio", ext: ["wav"] },
  "audio/mp4": { kind: "audio", ext: ["m4a", "mp4"] },
  "video/mp4": { kind: "video", ext: ["mp4", "m4v"] },
  "video/webm": { kind: "video", ext: ["webm"] },
  "application/pdf": { kind: "file", ext: ["pdf"] },
  "text/plain": { kind: "file", ext: ["txt", "md", "csv", "log"] },
  "application/zip": { kind: "file", ext: ["zip"] },
} as const satisfies Record<string, { kind: UploadKind; ext: readonly string[] }>;
export type AllowedMime = keyof typeof ALLOWED_TYPES;

export const isAllowedMime = (mime: string): mime is AllowedMime => Object.hasOwn(ALLOWED_TYPES, mime);

/** Which kinds each purpose takes. */
export const PURPOSE_KINDS: Record<UploadPurpose, readonly UploadKind[]> = {
  avatar: ["image"],
  photo: ["image"],
  attachment: ["image", "audio", "video", "file"],
};

export const mimesFor = (purpose: UploadPurpose): AllowedMime[] =>
  (Object.keys(ALLOWED_TYPES) as AllowedMime[]).filter((m) => PURPOSE_KINDS[purpose].includes(ALLOWED_TYPES[m].kind));

/** The largest file a purpose can take at all (the limit of its largest kind). */
export const maxBytesFor = (purpose: UploadPurpose): number => Math.max(...PURPOSE_KINDS[purpose].map((k) => KIND_LIMITS[k]));

/** For `<input accept>`: a hint to the browser's picker only; the server sniffs the bytes. */
export const acceptFor = (purpose: UploadPurpose): string =>
  [...mimesFor(purpose), ...mimesFor(purpose).flatMap((m) => ALLOWED_TYPES[m].ext.map((e) => `.${e}`))].join(",");

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${+(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${+(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export const uploadUrl = (id: string) => `/api/uploads/${id}`;
export const thumbnailUrl = (id: string) => `/api/uploads/${id}?thumb=1`;

export const UploadPurposeSchema = z.enum(UPLOAD_PURPOSES);
export const UploadIdParams = z.object({ id: z.string().min(1).max(64) });
export const UploadGetQuery = z.object({
  thumb: z
    .enum(["1", "true", "0", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true")
    .describe("`1`: the 320px WebP thumbnail (images only)"),
});

/** Documents the multipart body (the handler streams it itself). */
export const UploadMultipart = z.object({
  purpose: UploadPurposeSchema.describe("Send it before `file` so limits apply while streaming"),
  room_id: z.string().max(64).optional().describe("Where the file is shared, for access rules (e.g. a room's photos)"),
  file: z.string().describe("The file (binary); its type is sniffed from the bytes"),
});

/** Upload fields a client may send alongside the file (local route and UploadThing `input`). */
export const UploadInput = z.object({
  purpose: UploadPurposeSchema,
  room_id: z.string().trim().min(1).max(64).optional(),
});

export const Upload = z.object({
  id: z.string(),
  url: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  kind: z.enum(UPLOAD_KINDS),
  purpose: UploadPurposeSchema,
  thumb_url: z.string().optional(),
  created_at: z.string(),
});
export type UploadJson = z.infer<typeof Upload>;

export const UploadConfig = z.object({
  provider: z.enum(["local", "uploadthing"]),
  kinds: z.record(z.enum(UPLOAD_KINDS), z.object({ max_bytes: z.number(), mimes: z.array(z.string()) })),
  purposes: z.record(UploadPurposeSchema, z.object({ kinds: z.array(z.enum(UPLOAD_KINDS)), max_bytes: z.number() })),
  quota_bytes: z.number(),
  used_bytes: z.number(),
});
export type UploadConfigJson = z.infer<typeof UploadConfig>;
