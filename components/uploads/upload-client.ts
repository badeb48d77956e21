// Browser side of uploads: sends a file to POST /api/uploads (XMLHttpRequest, for upload
// progress) or, when the server runs with UploadThing, through its file routes. Both answer the
// same `upload` object; refusals carry the server's own message.
import type { UploadRouter } from "@/lib/uploads/uploadthing";
import {
  ALLOWED_TYPES,
  KIND_LIMITS,
  isAllowedMime,
  maxBytesFor,
  type UploadConfigJson,
  type UploadJson,
  type UploadPurpose,
} from "@/lib/uploads/schemas";

export type UploadProvider = "local" | "uploadthing";

/** Why an upload did not happen: the server's refusal, or what the browser saw first. */
export type UploadFailure =
  | { reason: "server"; code: string; status: number; message: string }
  | { reason: "tooLarge"; size: number; limit: number }
  | { reason: "notImage" }
  | { reason: "empty" }
  | { reason: "network" }
  | { reason: "aborted" };

const CODES: Record<Exclude<UploadFailure["reason"], "server">, string> = {
  tooLarge: "PAYLOAD_TOO_LARGE",
  notImage: "UNSUPPORTED_MEDIA_TYPE",
  empty: "VALIDATION_ERROR",
  network: "NETWORK",
  aborted: "ABORTED",
};

export class UploadError extends Error {
  constructor(readonly failure: UploadFailure) {
    super(failure.reason === "server" ? failure.message : `Upload failed: ${failure.reason}`);
    this.name = "UploadError";
  }

  /** The contract's code (`PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`...), `NETWORK` or `ABORTED`. */
  get code(): string {
    return this.failure.reason === "server" ? this.failure.code : CODES[this.failure.reason];
  }
}

export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0..100 */
  percent: number;
}

export interface UploadOptions {
  purpose: UploadPurpose;
  roomId?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Skip asking the server which way to upload. */
  provider?: UploadProvider;
}

let config: Promise<UploadConfigJson | null> | undefined;

/** GET /api/uploads/config once per page: provider, limits and the user's quota. */
export function getUploadConfig(refresh = false): Promise<UploadConfigJson | null> {
  if (!config || refresh) {
    config = fetch("/api/uploads/config", { credentials: "same-origin" })
      .then((res) => (res.ok ? (res.json() as Promise<UploadConfigJson>) : null))
      .catch(() => null);
  }
  return config;
}

/**
 * A quick refusal before sending anything, from the same table the server applies. Only a hint
 * (the browser's type guess can be wrong); the server decides from the bytes.
 */
export function precheck(file: File, purpose: UploadPurpose): UploadError | null {
  if (file.size === 0) return new UploadError({ reason: "empty" });
  const guess = isAllowedMime(file.type) ? ALLOWED_TYPES[file.type].kind : null;
  const limit = guess ? KIND_LIMITS[guess] : maxBytesFor(purpose);
  if (file.size > limit) return new UploadError({ reason: "tooLarge", size: file.size, limit });
  if ((purpose === "avatar" || purpose === "photo") && file.type && !file.type.startsWith("image/")) {
    return new UploadError({ reason: "notImage" });
  }
  return null;
}

export async function uploadFile(file: File, options: UploadOptions): Promise<UploadJson> {
  const early = precheck(file, options.purpose);
  if (early) throw early;
  const provider = options.provider ?? (await getUploadConfig())?.provider ?? "local";
  const upload = provider === "uploadthing" ? await viaUploadThing(file, options) : await viaLocal(file, options);
  void getUploadConfig(true); // the quota changed
  return upload;
}

function viaLocal(file: File, options: UploadOptions): Promise<UploadJson> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new UploadError({ reason: "aborted" }));
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        options.onProgress?.({ loaded: event.loaded, total: event.total, percent: Math.round((event.loaded / event.total) * 100) });
      }
    };
    xhr.onload = () => {
      let body: { success?: boolean; upload?: UploadJson; error?: string; code?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: a proxy's page */
      }
      if (xhr.status === 201 && body.upload) resolve(body.upload);
      else
        reject(
          new UploadError({
            reason: "server",
            code: body.code ?? "INTERNAL",
            status: xhr.status,
            message: body.error ?? `HTTP ${xhr.status}`,
          }),
        );
    };
    xhr.onerror = () => reject(new UploadError({ reason: "network" }));
    xhr.onabort = () => reject(new UploadError({ reason: "aborted" }));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    // Fields first: the server applies the purpose's limits while the file streams in.
    const form = new FormData();
    form.append("purpose", options.purpose);
    if (options.roomId) form.append("room_id", options.roomId);
    form.append("file", file, file.name || "pasted");
    xhr.send(form);
  });
}

async function viaUploadThing(file: File, options: UploadOptions): Promise<UploadJson> {
  const { genUploader } = await import("uploadthing/client");
  const { uploadFiles } = genUploader<UploadRouter>({ url: "/api/uploadthing", package: "mem2gether" });
  try {
    const [result] = await uploadFiles(options.purpose, {
      files: [file],
      input: options.roomId ? { room_id: options.roomId } : {},
      signal: options.signal,
      onUploadProgress: ({ loaded, progress }) => options.onProgress?.({ loaded, total: file.size, percent: Math.round(progress) }),
    });
    const upload = result?.serverData?.upload;
    if (!upload) throw new UploadError({ reason: "server", code: "INTERNAL", status: 500, message: "The upload did not complete" });
    return upload;
  } catch (err) {
    if (err instanceof UploadError) throw err;
    if (options.signal?.aborted) throw new UploadError({ reason: "aborted" });
    // Our errorFormatter puts the contract's {error, code} in `data`.
    const data = (err as { data?: { error?: string; code?: string } }).data;
    throw new UploadError({
      reason: "server",
      code: data?.code ?? "INTERNAL",
      status: 0,
      message: data?.error ?? (err as Error).message ?? "Upload failed",
    });
  }
}
