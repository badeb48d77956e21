import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { inject } from "vitest";
import { addressFor } from "./address";
import { baseUrl, type ApiResponse, type TestUser } from "./client";

export const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures/uploads", name));

/** POST /api/uploads with a real multipart body (purpose first, as the browser control sends it). */
export async function upload(
  user: Pick<TestUser, "token">,
  bytes: Uint8Array,
  options: { name?: string; purpose?: string; type?: string; roomId?: string; fieldName?: string; address?: string } = {},
): Promise<ApiResponse<Record<string, any>>> {
  const form = new FormData();
  if (options.purpose !== "") form.append("purpose", options.purpose ?? "attachment");
  if (options.roomId) form.append("room_id", options.roomId);
  form.append(
    options.fieldName ?? "file",
    new Blob([new Uint8Array(bytes)], { type: options.type ?? "application/octet-stream" }),
    options.name ?? "file.bin",
  );
  const res = await fetch(`${baseUrl()}/api/uploads`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "x-forwarded-for": options.address ?? addressFor(user.token) },
    body: form,
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}

/** GET an upload's bytes. */
export async function download(user: Pick<TestUser, "token"> | null, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${url}`, { headers: { ...headers, ...(user ? { authorization: `Bearer ${user.token}` } : {}) } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString("utf8")) };
}

// ---- fixtures made in the test ----

export const image = (format: "jpeg" | "png" | "webp" | "gif", width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 20 } } })
    .toFormat(format)
    .toBuffer();

export async function animatedGif(): Promise<Buffer> {
  const frame = (color: string) =>
    sharp({ create: { width: 16, height: 16, channels: 3, background: color } })
      .png()
      .toBuffer();
  return sharp([await frame("#f00"), await frame("#00f"), await frame("#0f0")], { join: { animated: true } })
    .gif({ delay: [100, 100, 100], loop: 0 })
    .toBuffer();
}

/** A JPEG stored 40×30 with EXIF orientation 6 (display 30×40), a camera make and GPS tags. */
export const jpegWithGps = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a6" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: "TestCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2400/100", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 300/100" },
    })
    .toBuffer();

/** Tag ids of an EXIF block's IFD0 (0x8825 is the GPS IFD pointer). */
export function exifTags(exif: Buffer | undefined): number[] {
  if (!exif) return [];
  const tiff = exif.subarray(exif.indexOf("Exif\0\0") >= 0 ? exif.indexOf("Exif\0\0") + 6 : 0);
  const le = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}

export function wav(samples = 800): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i / 8) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function pdf(): Buffer {
  const objects = [
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += o;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A ZIP with one stored (uncompressed) text file. */
export function zip(name = "hello.txt", content = "hello from a zip\n"): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, data]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

/** A JPEG whose header declares `side`×`side` pixels (a decompression bomb: never decode it). */
export async function jpegDeclaring(side: number): Promise<Buffer> {
  const buf = Buffer.from(await image("jpeg", 8, 8));
  for (let i = 2; i < buf.length - 9; i++) {
    // SOF0/SOF2: FFC0/FFC2, length (2), precision (1), height (2), width (2)
    if (buf[i] === 0xff && (buf[i + 1] === 0xc0 || buf[i + 1] === 0xc2)) {
      buf.writeUInt16BE(side, i + 5);
      buf.writeUInt16BE(side, i + 7);
      return buf;
    }
  }
  throw new Error("no SOF marker");
}

// ---- the server process and its storage ----

export const uploadDir = () => path.join(inject("dataDir"), "uploads");

export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function storagePaths(uploadId: string): Promise<string[]> {
  const { rows } = await withDb((c) => c.query("SELECT storage_key, thumb_key FROM uploads WHERE id = $1", [uploadId]));
  if (!rows[0]) return [];
  return [rows[0].storage_key, rows[0].thumb_key].filter(Boolean).map((k: string) => path.join(uploadDir(), k));
}

export const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/** Use the domain modules in this process, against the test server's database and upload dir. */
export function setUpServerEnvironment(): void {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.DATA_DIR = inject("dataDir");
  process.env.APP_URL = baseUrl();
  // The test server's secret (tests/setup/test-server.ts): tokens verify the same here.
  process.env.NEXTAUTH_SECRET = "test-secret-test-secret-test-secret-0123";
  process.env.LOG_LEVEL = "silent";
}
