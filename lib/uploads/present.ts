import type { Upload } from "@prisma/client";
import { thumbnailUrl, uploadUrl, type UploadJson } from "./schemas";

export function presentUpload(upload: Upload): UploadJson {
  return {
    id: upload.id,
    url: uploadUrl(upload.id),
    name: upload.name,
    mime: upload.mime,
    size: upload.size,
    ...(upload.width !== null && upload.height !== null ? { width: upload.width, height: upload.height } : {}),
    kind: upload.kind,
    purpose: upload.purpose,
    ...(upload.thumbKey ? { thumb_url: thumbnailUrl(upload.id) } : {}),
    created_at: upload.createdAt.toISOString(),
  };
}
