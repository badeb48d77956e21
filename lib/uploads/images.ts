import "server-only";
import sharp, { type Metadata, type SharpOptions } from "sharp";
import { ApiError } from "@/lib/http/errors";
import { unsupported } from "./sniff";

/** Largest frame we decode (50 megapixels: above any phone camera's default output). */
export const MAX_FRAME_PIXELS = 50_000_000;
/** Largest animation, all frames together; beyond this an animated image is a memory bomb. */
export const MAX_ANIMATION_PIXELS = 100_000_000;
export const MAX_FRAMES = 1000;
export const MAX_SIDE = 16_383;
export const THUMB_SIZE = 320;
/** Avatars are shown small everywhere: stored at most this wide and high. */
export const AVATAR_SIZE = 512;

// Every upload is decoded once: libvips' operation cache would only hold memory.
sharp.cache(false);

const FORMAT_OF: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp", "image/gif": "gif" };

export interface ProcessedImage {
  width: number;
  height: number;
  animated: boolean;
}

const tooLarge = (message: string) => new ApiError("PAYLOAD_TOO_LARGE", message);

/**
 * Decode and re-encode an image into `outPath` (which drops EXIF, GPS, XMP and comments; the
 * EXIF orientation is applied to the pixels first) and write a WebP thumbnail to `thumbPath`.
 * The declared dimensions are checked before anything is decoded.
 */
export async function processImage(
  inPath: string,
  mime: string,
  outPath: string,
  thumbPath: string,
  options: { maxSide?: number } = {},
): Promise<ProcessedImage> {
  const format = FORMAT_OF[mime];
  if (!format) throw unsupported();
  let meta: Metadata;
  try {
    meta = await sharp(inPath, { animated: true, limitInputPixels: false }).metadata();
  } catch {
    throw unsupported("The image could not be read");
  }
  // The bytes were sniffed already; a disagreeing decoder means a crafted file.
  if (meta.format !== format) throw unsupported("The image could not be read");
  const pages = Math.max(1, meta.pages ?? 1);
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!meta.width || !frameHeight) throw unsupported("The image could not be read");
  if (meta.width > MAX_SIDE || frameHeight > MAX_SIDE || meta.width * frameHeight > MAX_FRAME_PIXELS) {
    throw tooLarge(`The image is too large (${meta.width}×${frameHeight} pixels; at most ${MAX_FRAME_PIXELS / 1_000_000} megapixels)`);
  }
  if (pages > MAX_FRAMES || meta.width * frameHeight * pages > MAX_ANIMATION_PIXELS) {
    throw tooLarge(`The animation is too large (${pages} frames of ${meta.width}×${frameHeight} pixels)`);
  }
  const animated = pages > 1 && (format === "gif" || format === "webp");
  // Decoding limit as a second line of defence, should the header lie about the dimensions.
  const input: SharpOptions = {
    animated,
    limitInputPixels: animated ? MAX_ANIMATION_PIXELS : MAX_FRAME_PIXELS,
    failOn: "error",
  };

  let pipeline = sharp(inPath, input);
  // Animated images carry no EXIF orientation worth applying (GIF has none); rotating a frame
  // strip would scramble it.
  if (!animated) pipeline = pipeline.autoOrient();
  if (options.maxSide) pipeline = pipeline.resize(options.maxSide, options.maxSide, { fit: "inside", withoutEnlargement: true });
  if (format === "jpeg") pipeline = pipeline.jpeg({ quality: 88, mozjpeg: true });
  else if (format === "png") pipeline = pipeline.png({ compressionLevel: 8 });
  else if (format === "webp") pipeline = pipeline.webp({ quality: 88 });
  else pipeline = pipeline.gif();
  let stored: Metadata;
  try {
    await pipeline.toFile(outPath);
    stored = await sharp(outPath, { animated, limitInputPixels: false }).metadata();
    await sharp(outPath, { limitInputPixels: MAX_FRAME_PIXELS, failOn: "error" })
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toFile(thumbPath);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw unsupported("The image could not be decoded");
  }
  // The stored image's own dimensions: orientation applied, avatars scaled down.
  return { width: stored.width, height: stored.pageHeight ?? stored.height, animated };
}
