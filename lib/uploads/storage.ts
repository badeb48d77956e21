import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env.mjs";

// Local storage: UPLOAD_DIR (outside public/) holds files under server-made names,
// `<2 hex>/<32 hex>` plus `.thumb.webp` for thumbnails; `tmp/` holds uploads in progress.

export const uploadDir = () => env().UPLOAD_DIR;
export const tmpDir = () => path.join(uploadDir(), "tmp");

export async function ensureDirs(): Promise<void> {
  await mkdir(tmpDir(), { recursive: true, mode: 0o750 });
}

export function tmpPath(suffix = ".part"): string {
  return path.join(tmpDir(), `${Date.now().toString(36)}-${randomBytes(8).toString("hex")}${suffix}`);
}

export function newStorageKey(): string {
  const name = randomBytes(16).toString("hex");
  return `${name.slice(0, 2)}/${name}`;
}

export const thumbKeyFor = (storageKey: string) => `${storageKey}.thumb.webp`;

/** The absolute path of a storage key; refuses anything that would leave UPLOAD_DIR. */
export function pathOf(key: string): string {
  if (!/^[0-9a-f]{2}\/[0-9a-f]{32}(\.thumb\.webp)?$/.test(key)) throw new Error(`invalid storage key: ${key}`);
  return path.join(uploadDir(), key);
}

/** Move a finished temporary file into place (same filesystem, so atomic). */
export async function moveIntoStorage(from: string, key: string): Promise<void> {
  const to = pathOf(key);
  await mkdir(path.dirname(to), { recursive: true, mode: 0o750 });
  await rename(from, to);
}

export async function removeQuietly(file: string | null | undefined): Promise<void> {
  if (!file) return;
  await unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "ENOENT") throw err;
  });
}

export async function removeKey(key: string | null | undefined): Promise<void> {
  if (key) await removeQuietly(pathOf(key));
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Temporary files left by interrupted uploads (a crash mid-stream). */
export async function removeStaleTmpFiles(olderThanMs: number): Promise<number> {
  const dir = tmpDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < cutoff) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
