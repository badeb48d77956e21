import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { ApiError, errors } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/handler";
import { logger } from "@/lib/log/logger";
import { contentDisposition } from "@/lib/formats/filename";
import { parseRange } from "./range";
import type { UploadRecord } from "./service";
import { pathOf } from "./storage";

const log = logger.child({ component: "uploads" });

const INLINE_KINDS = new Set(["image", "audio", "video"]);
const RANGE_KINDS = new Set(["audio", "video"]);

/**
 * The bytes of an upload (or its thumbnail) with the headers that keep them harmless: the
 * sniffed type with nosniff, a sandboxing CSP, a safe Content-Disposition (inline only for
 * images, audio and video), private immutable caching with a strong ETag, and single byte
 * ranges for audio and video.
 */
export async function uploadResponse(req: Request, upload: UploadRecord, thumb: boolean): Promise<Response> {
  if (thumb && !upload.thumbKey) throw errors.notFound("Thumbnail");
  const mime = thumb ? "image/webp" : upload.mime;
  const etag = `"${thumb ? `${upload.etag.slice(0, 32)}-thumb` : upload.etag}"`;
  const kind = thumb ? "image" : upload.kind;

  const headers = new Headers({
    "Content-Type": mime === "text/plain" ? "text/plain; charset=utf-8" : mime,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(
      INLINE_KINDS.has(kind) ? "inline" : "attachment",
      thumb ? thumbName(upload.name) : upload.name,
    ),
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    // Content at an id never changes; only the signed-in viewer's own browser may keep it.
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
  });
  const rangeable = RANGE_KINDS.has(kind);
  headers.set("Accept-Ranges", rangeable ? "bytes" : "none");

  if (matchesEtag(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });

  const source = await openSource(upload, thumb);
  const size = source.size;
  let range = rangeable ? parseRange(req.headers.get("range"), size) : null;
  // If-Range: a range only applies to the representation the client already has part of.
  const ifRange = req.headers.get("if-range");
  if (range && ifRange && ifRange !== etag) range = null;
  if (range === "unsatisfiable") {
    // The contract's error body, plus the Content-Range a 416 must carry.
    const res = errorResponse(new ApiError("RANGE_NOT_SATISFIABLE", `The requested range is not satisfiable (the file has ${size} bytes)`));
    res.headers.set("Content-Range", `bytes */${size}`);
    return res;
  }
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return new Response(await source.read(range.start, range.end), { status: 206, headers });
  }
  headers.set("Content-Length", String(size));
  return new Response(await source.read(0, size - 1), { status: 200, headers });
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

function thumbName(name: string): string {
  const dot = name.lastIndexOf(".");
  return `${dot > 0 ? name.slice(0, dot) : name}-thumb.webp`;
}

interface Source {
  size: number;
  read(start: number, end: number): Promise<ReadableStream<Uint8Array> | null>;
}

async function openSource(upload: UploadRecord, thumb: boolean): Promise<Source> {
  if (upload.storage === "local") {
    const file = pathOf(thumb ? upload.thumbKey! : upload.storageKey);
    const info = await stat(file).catch(() => null);
    if (!info) {
      log.error({ uploadId: upload.id, thumb }, "upload file missing on disk");
      throw errors.notFound("Upload");
    }
    return {
      size: info.size,
      async read(start, end) {
        if (end < start) return null;
        return Readable.toWeb(createReadStream(file, { start, end })) as unknown as ReadableStream<Uint8Array>;
      },
    };
  }
  const url = thumb ? upload.thumbUrl : upload.remoteUrl;
  if (!url) throw errors.notFound("Upload");
  const size = thumb ? (upload.thumbSize ?? 0) : upload.size;
  return {
    size,
    async read(start, end) {
      if (end < start) return null;
      const whole = start === 0 && end === size - 1;
      const res = await fetch(url, { headers: whole ? {} : { Range: `bytes=${start}-${end}` } }).catch(() => null);
      if (!res || !res.ok || !res.body || (!whole && res.status !== 206)) {
        log.error({ uploadId: upload.id, status: res?.status }, "UploadThing did not deliver the file");
        throw new ApiError("UNAVAILABLE", "The file storage is unavailable, try again later");
      }
      return res.body;
    },
  };
}
