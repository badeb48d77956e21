import type { Upload } from "@prisma/client";
import { thumbnailUrl, uploadUrl, type UploadJson } from "./schemas";

/** The columns an upload's JSON is made of (history pages load only these). */
export type PresentableUpload = Pick<
  Upload,
  "id" | "name" | "mime" | "size" | "width" | "height" | "kind" | "purpose" | "thumbKey" | "createdAt"
>;

export function presentUpload(upload: PresentableUpload): UploadJson {
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
