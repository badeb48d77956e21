import { ALLOWED_TYPES, KIND_LIMITS, MB, mimesFor, type UploadPurpose } from "./schemas";

/** Names browsers give some allowed types, beside the canonical ones of the shared table. */
const BROWSER_ALIASES: Record<string, string[]> = {
  "audio/wav": ["audio/x-wav", "audio/wave"],
  "application/zip": ["application/x-zip-compressed"],
  "audio/mpeg": ["audio/mp3"],
};

export type UploadthingRouteConfig = Record<string, { maxFileSize: string; maxFileCount: number; minFileCount: number }>;

/**
 * UploadThing's route config for a purpose, from the shared table of types and limits: one file
 * per request, each type with its kind's limit (UploadThing counts MB as 1024 * 1024 bytes too).
 * It only pre-filters on the browser's claims; the bytes are checked when the upload completes.
 */
export function uploadthingRouteConfig(purpose: UploadPurpose): UploadthingRouteConfig {
  const config: UploadthingRouteConfig = {};
  for (const mime of mimesFor(purpose)) {
    const limit = { maxFileSize: `${KIND_LIMITS[ALLOWED_TYPES[mime].kind] / MB}MB`, maxFileCount: 1, minFileCount: 1 };
    for (const name of [mime, ...(BROWSER_ALIASES[mime] ?? [])]) config[name] = limit;
  }
  return config;
}
