import "server-only";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import { ApiError } from "@/lib/http/errors";
import { ALLOWED_TYPES, KIND_LIMITS, type AllowedMime, type UploadKind } from "./schemas";

/** How many leading bytes the early check looks at (file-type's own detection window). */
export const HEAD_BYTES = 4100;

const MP4_FAMILY = new Set(["video/mp4", "audio/mp4", "audio/x-m4a", "video/x-m4v"]);
const WEBM = "video/webm";
/** file-type names for allowed types under another name. */
const ALIASES: Record<string, AllowedMime> = {
  "audio/ogg; codecs=opus": "audio/ogg",
  "audio/x-wav": "audio/wav",
  "audio/vnd.wave": "audio/wav",
  "image/apng": "image/png",
};

export const unsupported = (message = "This type of file is not accepted") => new ApiError("UNSUPPORTED_MEDIA_TYPE", message);

/** What the first bytes allow: the type when known, or a family whose kind needs the whole file. */
export type HeadVerdict =
  | { type: "known"; mime: AllowedMime; kind: UploadKind }
  | { type: "media" } // mp4 or webm container: audio or video, decided from its tracks
  | { type: "text" };

export function kindLimit(verdict: HeadVerdict): number {
  if (verdict.type === "known") return KIND_LIMITS[verdict.kind];
  if (verdict.type === "media") return Math.max(KIND_LIMITS.audio, KIND_LIMITS.video);
  return KIND_LIMITS.file;
}

export const verdictKinds = (verdict: HeadVerdict): UploadKind[] =>
  verdict.type === "known" ? [verdict.kind] : verdict.type === "media" ? ["audio", "video"] : ["file"];

/**
 * The early check on the first bytes, so a refused type is refused before the rest is read and
 * the right size limit applies while streaming. `complete`: the head is the whole file.
 */
export async function sniffHead(head: Uint8Array, complete: boolean): Promise<HeadVerdict> {
  if (head.length === 0) throw unsupported("The file is empty");
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const mime = ALIASES[detected.mime] ?? detected.mime;
    if (MP4_FAMILY.has(mime) || mime === WEBM) return { type: "media" };
    if (mime in ALLOWED_TYPES && mime !== "text/plain")
      return { type: "known", mime: mime as AllowedMime, kind: ALLOWED_TYPES[mime as AllowedMime].kind };
    // Text formats file-type names (vtt, calendar, vcard) are plain text to us; anything else is not allowed.
    if (!mime.startsWith("text/")) throw unsupported(refusalFor(mime));
  }
  const text = new TextChecker();
  text.push(head, !complete);
  if (complete) text.end();
  return { type: "text" };
}

function refusalFor(mime: string): string {
  if (mime === "application/xml" || mime.includes("svg") || mime.includes("html")) return "HTML, SVG and XML files are not accepted";
  return `This type of file (${mime}) is not accepted`;
}

/**
 * The authoritative check on the stored file: the type from its bytes, the audio/video question
 * for containers from their tracks, and the full text check for plain text.
 */
export async function sniffFile(path: string): Promise<{ mime: AllowedMime; kind: UploadKind }> {
  const detected = await fileTypeFromFile(path);
  if (!detected || detected.mime.startsWith("text/")) {
    await checkTextFile(path);
    return { mime: "text/plain", kind: "file" };
  }
  const mime = ALIASES[detected.mime] ?? detected.mime;
  if (MP4_FAMILY.has(mime)) {
    const tracks = await mp4Tracks(path);
    return mediaFrom(tracks, "video/mp4", "audio/mp4", mime.startsWith("audio/"));
  }
  if (mime === WEBM) {
    const tracks = await webmTracks(path);
    return mediaFrom(tracks, "video/webm", "audio/webm", false);
  }
  if (mime in ALLOWED_TYPES) return { mime: mime as AllowedMime, kind: ALLOWED_TYPES[mime as AllowedMime].kind };
  throw unsupported(refusalFor(mime));
}

function mediaFrom(
  tracks: { video: boolean; audio: boolean } | null,
  video: AllowedMime,
  audio: AllowedMime,
  audioBrand: boolean,
): { mime: AllowedMime; kind: UploadKind } {
  // Unreadable track lists count as video (the larger limit was already enforced while streaming).
  if (!tracks) return audioBrand ? { mime: audio, kind: "audio" } : { mime: video, kind: "video" };
  if (tracks.video) return { mime: video, kind: "video" };
  if (tracks.audio) return { mime: audio, kind: "audio" };
  throw unsupported("This media file has no audio or video track");
}

// ---- plain text ----

const MARKUP_START = /^\s*</;
// Tags that make a browser (or a careless viewer) treat text as a document: refused anywhere.
const MARKUP_ANYWHERE =
  /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|svg[\s>]|iframe[\s>]|object[\s>]|embed[\s>]|\?xml[\s>])/i;
const CARRY = 32;

/** Valid UTF-8, no NUL or other binary control bytes, nothing that looks like HTML, SVG or XML. */
export class TextChecker {
  private decoder = new TextDecoder("utf-8", { fatal: true });
  private started = false;
  private carry = "";

  push(chunk: Uint8Array, more = true): void {
    for (const byte of chunk) {
      // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are text; other C0 controls are binary.
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
        throw unsupported(byte === 0 ? "Binary files of this type are not accepted" : "This file is neither text nor an accepted type");
      }
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: more });
    } catch {
      throw unsupported("Text files must be UTF-8");
    }
    if (!this.started) {
      const stripped = text.replace(/^\uFEFF/, "");
      if (stripped.trim() || !more) {
        this.started = true;
        if (MARKUP_START.test(stripped)) throw unsupported("HTML, SVG and XML files are not accepted");
      }
    }
    const window = this.carry + text;
    if (MARKUP_ANYWHERE.test(window)) throw unsupported("HTML, SVG and XML files are not accepted");
    this.carry = window.slice(-CARRY);
  }

  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw unsupported("Text files must be UTF-8");
    }
  }
}

async function checkTextFile(path: string): Promise<void> {
  const checker = new TextChecker();
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) checker.push(chunk as Buffer);
  checker.end();
}

// ---- containers: does it carry video? ----

async function readAt(fh: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Handler types of an MP4's tracks (moov/trak/mdia/hdlr), wherever moov sits in the file. */
export async function mp4Tracks(path: string): Promise<{ video: boolean; audio: boolean } | null> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    let pos = 0;
    while (pos + 8 <= size) {
      const header = await readAt(fh, pos, 16);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString("latin1", 4, 8);
      let headerLen = 8;
      if (boxSize === 1) {
        boxSize = Number(header.readBigUInt64BE(8));
        headerLen = 16;
      } else if (boxSize === 0) {
        boxSize = size - pos;
      }
      if (boxSize < headerLen) return null;
      if (type === "moov") {
        if (boxSize > 32 * 1024 * 1024) return null;
        const moov = await readAt(fh, pos + headerLen, boxSize - headerLen);
        const handlers: string[] = [];
        collectHandlers(moov, handlers, 0);
        return { video: handlers.includes("vide"), audio: handlers.includes("soun") };
      }
      pos += boxSize;
    }
    return null;
  } finally {
    await fh.close();
  }
}

function collectHandlers(buf: Buffer, out: string[], depth: number): void {
  let pos = 0;
  while (pos + 8 <= buf.length && depth < 6) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    let headerLen = 8;
    if (size === 1 && pos + 16 <= buf.length) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      headerLen = 16;
    } else if (size === 0) {
      size = buf.length - pos;
    }
    if (size < headerLen || pos + size > buf.length) return;
    const body = buf.subarray(pos + headerLen, pos + size);
    if (type === "trak" || type === "mdia") collectHandlers(body, out, depth + 1);
    // hdlr: version+flags (4), pre_defined (4), handler_type (4)
    else if (type === "hdlr" && body.length >= 12) out.push(body.toString("latin1", 8, 12));
    pos += size;
  }
}

const EBML = { Segment: 0x18538067, Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackType: 0x83, Cluster: 0x1f43b675 };

function readVint(buf: Buffer, pos: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  if (pos >= buf.length) return null;
  const first = buf[pos]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || pos + length > buf.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + buf[pos + i]!;
    if (buf[pos + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** Track types of a WebM (Segment/Tracks/TrackEntry/TrackType), read from the start of the file. */
export async function webmTracks(path: string): Promise<{ video: boolean; audio: boolean } | null> {
  const fh = await open(path, "r");
  let buf: Buffer;
  try {
    buf = await readAt(fh, 0, 2 * 1024 * 1024);
  } finally {
    await fh.close();
  }
  const types: number[] = [];
  const walk = (start: number, end: number, depth: number): boolean => {
    let pos = start;
    while (pos < end && depth < 5) {
      const id = readVint(buf, pos, true);
      if (!id) return false;
      const size = readVint(buf, pos + id.length, false);
      if (!size) return false;
      const bodyStart = pos + id.length + size.length;
      const bodyEnd = size.unknown ? end : Math.min(end, bodyStart + size.value);
      if (id.value === EBML.Cluster) return false; // media data: the tracks come before it
      if (id.value === EBML.Segment || id.value === EBML.TrackEntry) {
        if (walk(bodyStart, bodyEnd, depth + 1)) return true;
      } else if (id.value === EBML.Tracks) {
        walk(bodyStart, bodyEnd, depth + 1);
        return true;
      } else if (id.value === EBML.TrackType && size.value <= 8) {
        let v = 0;
        for (let i = bodyStart; i < bodyEnd; i++) v = v * 256 + buf[i]!;
        types.push(v);
      }
      if (size.unknown) return false;
      pos = bodyStart + size.value;
    }
    return false;
  };
  const found = walk(0, buf.length, 0);
  if (!found && types.length === 0) return null;
  return { video: types.includes(1), audio: types.includes(2) };
}
