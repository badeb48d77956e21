import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import { Upload, UploadConfig, UploadGetQuery, UploadIdParams, UploadMultipart } from "./schemas";

const tags = ["uploads"];

export const createUploadOp = defineOperation({
  method: "POST",
  path: "/api/uploads",
  summary: "Upload a file",
  description:
    "multipart/form-data with `purpose` (`avatar` and `photo`: images only; `attachment`: any allowed type), optional `room_id`, and one `file`. " +
    "The type is sniffed from the bytes (never the name or the part's Content-Type): JPEG, PNG, WebP, GIF (10 MB); MP3, Ogg, WebM, WAV, MP4 audio (25 MB); MP4, WebM video (100 MB); PDF, UTF-8 plain text, ZIP (25 MB). " +
    "Anything else gets 415, a file over its limit or over the caller's quota 413 as soon as the limit is passed (a too large Content-Length before any byte is read). " +
    "Images are re-encoded without their metadata (EXIF, GPS), orientation applied, and get a thumbnail (`thumb_url`). " +
    "An upload no domain references (an avatar, a message, a photo) is removed after a day. " +
    "At most 30 uploads a minute per account and 200 per caller address (429 with Retry-After).",
  tags,
  auth: "required",
  multipart: UploadMultipart,
  response: z.object({ upload: Upload }),
  status: 201,
  errors: [413, 415, 429],
});

export const getUploadOp = defineOperation({
  method: "GET",
  path: "/api/uploads/{id}",
  summary: "The bytes of an upload",
  description:
    "For the uploader, any signed-in user for avatars, and whoever a domain's rule allows (room participants, channel members, the two people of a conversation); others get 403. " +
    "`?thumb=1`: the 320px WebP thumbnail of an image. Sent with the sniffed Content-Type, `X-Content-Type-Options: nosniff`, a sandboxing CSP, and `Content-Disposition` " +
    "(inline for images, audio and video; attachment otherwise) with an ASCII fallback and the UTF-8 name. Cached privately as immutable with a strong ETag (If-None-Match gives 304). " +
    "Audio and video honour a single `Range` (206 with Content-Range; 416 when unsatisfiable; If-Range respected).",
  tags,
  auth: "required",
  params: UploadIdParams,
  query: UploadGetQuery,
  produces: "application/octet-stream",
  errors: [403, 416],
});

export const uploadConfigOp = defineOperation({
  method: "GET",
  path: "/api/uploads/config",
  summary: "Upload limits, accepted types and my quota",
  description:
    "`provider` is `uploadthing` when the server has UPLOADTHING_TOKEN (browsers then upload through /api/uploadthing), `local` otherwise (POST /api/uploads).",
  tags,
  auth: "required",
  response: UploadConfig,
});

const uploadthingDescription =
  "UploadThing's file routes (`avatar`, `photo`, `attachment`; input `{room_id?}`) with the same types, limits, quota and session as POST /api/uploads; " +
  "each finished upload is checked like a local one and answered as `{upload}`. Without UPLOADTHING_TOKEN: 503 UNAVAILABLE (use POST /api/uploads).";

export const uploadthingGetOp = defineOperation({
  method: "GET",
  path: "/api/uploadthing",
  summary: "UploadThing route configuration",
  description: uploadthingDescription,
  tags,
  auth: "none",
  errors: [503],
});

export const uploadthingPostOp = defineOperation({
  method: "POST",
  path: "/api/uploadthing",
  summary: "UploadThing upload requests and callbacks",
  description: uploadthingDescription,
  tags,
  auth: "none",
  errors: [503],
});

export const uploadsOperations = [createUploadOp, getUploadOp, uploadConfigOp, uploadthingGetOp, uploadthingPostOp];
