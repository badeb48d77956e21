import { existsSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { api, baseUrl, createUser } from "../helpers/client";
import {
  animatedGif,
  download,
  exifTags,
  fixture,
  image,
  jpegDeclaring,
  jpegWithGps,
  pdf,
  storagePaths,
  upload,
  wav,
  withDb,
  zip,
} from "../helpers/uploads";

const countUploads = (userId: string) =>
  withDb(async (c) => Number((await c.query("SELECT count(*) FROM uploads WHERE user_id = $1", [userId])).rows[0].count));

describe("uploads: accepted kinds", () => {
  it("accepts each allowed type, recording the type sniffed from the bytes whatever the name and header say", async () => {
    const user = await createUser();
    const cases: Array<{ bytes: Buffer; name: string; mime: string; kind: string }> = [
      { bytes: await image("jpeg"), name: "a.png", mime: "image/jpeg", kind: "image" },
      { bytes: await image("png"), name: "b.jpg", mime: "image/png", kind: "image" },
      { bytes: await image("webp"), name: "c", mime: "image/webp", kind: "image" },
      { bytes: await image("gif"), name: "d.gif", mime: "image/gif", kind: "image" },
      { bytes: fixture("tone.mp3"), name: "tone.bin", mime: "audio/mpeg", kind: "audio" },
      { bytes: fixture("tone.ogg"), name: "tone.ogg", mime: "audio/ogg", kind: "audio" },
      { bytes: fixture("tone.opus.ogg"), name: "voice.opus", mime: "audio/ogg", kind: "audio" },
      { bytes: fixture("tone.webm"), name: "voice.webm", mime: "audio/webm", kind: "audio" },
      { bytes: wav(), name: "beep.wav", mime: "audio/wav", kind: "audio" },
      { bytes: fixture("tone.m4a"), name: "tone.m4a", mime: "audio/mp4", kind: "audio" },
      { bytes: fixture("tone.mp4"), name: "audio-only.mp4", mime: "audio/mp4", kind: "audio" },
      { bytes: fixture("clip.mp4"), name: "clip.mp4", mime: "video/mp4", kind: "video" },
      { bytes: fixture("clip.webm"), name: "clip.webm", mime: "video/webm", kind: "video" },
      { bytes: pdf(), name: "doc.pdf", mime: "application/pdf", kind: "file" },
      { bytes: Buffer.from("Hello, wörld ✓ 👋\nSecond line\twith a tab\n"), name: "notes.txt", mime: "text/plain", kind: "file" },
      { bytes: zip(), name: "archive.zip", mime: "application/zip", kind: "file" },
    ];
    for (const c of cases) {
      const res = await upload(user, c.bytes, { name: c.name, type: "application/octet-stream" });
      expect(res.status, `${c.name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.upload).toMatchObject({
        mime: c.mime,
        kind: c.kind,
        purpose: "attachment",
        url: `/api/uploads/${res.body.upload.id}`,
      });
      if (c.kind !== "image") expect(res.body.upload.size).toBe(c.bytes.length);
      const got = await download(user, res.body.upload.url);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe(c.mime === "text/plain" ? "text/plain; charset=utf-8" : c.mime);
      if (c.kind !== "image") expect(got.bytes.equals(c.bytes)).toBe(true);
    }
  });

  it("records image dimensions, re-encodes, and serves a WebP thumbnail of at most 320px", async () => {
    const user = await createUser();
    const res = await upload(user, await image("png", 800, 600), { name: "big.png", purpose: "photo" });
    expect(res.status).toBe(201);
    expect(res.body.upload).toMatchObject({
      width: 800,
      height: 600,
      mime: "image/png",
      thumb_url: `/api/uploads/${res.body.upload.id}?thumb=1`,
    });
    const thumb = await download(user, res.body.upload.thumb_url);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(thumb.bytes).metadata();
    expect(meta.format).toBe("webp");
    expect(Math.max(meta.width, meta.height)).toBe(320);
    // Non-images have no thumbnail.
    const audio = await upload(user, wav(), { name: "a.wav" });
    expect(audio.body.upload.thumb_url).toBeUndefined();
    const none = await download(user, `${audio.body.upload.url}?thumb=1`);
    expect(none.status).toBe(404);
  });

  it("removes EXIF and GPS from a JPEG and applies its orientation", async () => {
    const user = await createUser();
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(exifTags(before.exif)).toContain(0x8825); // the GPS IFD is there to begin with
    expect(before.exif!.includes(Buffer.from("TestCam"))).toBe(true);

    const res = await upload(user, original, { name: "IMG_0001.JPG", purpose: "photo" });
    expect(res.status).toBe(201);
    // Stored 40×30 rotated by its orientation tag: shown 30×40.
    expect(res.body.upload).toMatchObject({ width: 30, height: 40, mime: "image/jpeg", name: "IMG_0001.jpg" });
    const served = await download(user, res.body.upload.url);
    const after = await sharp(served.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect([after.width, after.height]).toEqual([30, 40]);
    expect(served.bytes.includes(Buffer.from("TestCam"))).toBe(false);
  });

  it("keeps an animated GIF animated (the thumbnail is its first frame)", async () => {
    const user = await createUser();
    const res = await upload(user, await animatedGif(), { name: "anim.gif", purpose: "photo" });
    expect(res.status).toBe(201);
    expect(res.body.upload).toMatchObject({ mime: "image/gif", width: 16, height: 16 });
    const served = await download(user, res.body.upload.url);
    expect((await sharp(served.bytes, { animated: true }).metadata()).pages).toBe(3);
    const thumb = await download(user, res.body.upload.thumb_url);
    expect((await sharp(thumb.bytes).metadata()).pages ?? 1).toBe(1);
  });
});

describe("uploads: refusals", () => {
  it("refuses HTML and SVG renamed .png, XML, and other disguised or unknown bytes with 415, recording nothing", async () => {
    const user = await createUser();
    const refused: Array<[string, Buffer | string]> = [
      ["page.png", "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"],
      ["lower.png", "\n  <html><img src=x onerror=alert(1)></html>"],
      ["icon.png", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'],
      ["icon2.png", '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
      ["data.txt", '<?xml version="1.0"?><note>hi</note>'],
      ["hidden.txt", "Looks like text at first.\n".repeat(300) + "<script>alert(1)</script>"],
      ["nul.txt", Buffer.from("text with a \u0000 NUL byte")],
      ["latin1.txt", Buffer.from("caf\xe9 au lait", "latin1")],
      ["random.bin", Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256))],
      ["program.exe", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)])],
      ["photo.bmp", Buffer.concat([Buffer.from("BM"), Buffer.alloc(60, 0)])],
      ["movie.mkv", Buffer.from("1a45dfa3a34286810142f7810142f2810442f381084282886d6174726f736b61", "hex")],
    ];
    for (const [name, content] of refused) {
      const res = await upload(user, Buffer.from(content), { name, type: "image/png" });
      expect(res.status, name).toBe(415);
      expect(res.body).toMatchObject({ success: false, code: "UNSUPPORTED_MEDIA_TYPE" });
      expect(typeof res.body.error).toBe("string");
    }
    expect(await countUploads(user.id)).toBe(0);
  });

  it("limits avatars and photos to images", async () => {
    const user = await createUser();
    for (const purpose of ["avatar", "photo"]) {
      const res = await upload(user, pdf(), { name: "doc.pdf", purpose });
      expect(res.status).toBe(415);
      expect(res.body.error).toMatch(/must be an image/);
    }
    expect((await upload(user, await image("webp"), { purpose: "avatar", name: "me.webp" })).status).toBe(201);
  });

  it("refuses an image whose header declares huge dimensions without decoding it", async () => {
    const user = await createUser();
    const res = await upload(user, await jpegDeclaring(60000), { name: "bomb.jpg", purpose: "photo" });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.body.error).toMatch(/60000×60000/);
    expect(await countUploads(user.id)).toBe(0);
  });

  it("validates the form: purpose, the file field, one file, multipart at all", async () => {
    const user = await createUser();
    const noPurpose = await upload(user, await image("png"), { purpose: "" });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.details?.purpose).toBeDefined();
    const badPurpose = await upload(user, await image("png"), { purpose: "banner" });
    expect(badPurpose.status).toBe(400);
    const wrongField = await upload(user, await image("png"), { fieldName: "upload" });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.details?.file).toBeDefined();

    const form = new FormData();
    form.append("purpose", "attachment");
    form.append("file", new Blob([new Uint8Array(wav())]), "a.wav");
    form.append("file", new Blob([new Uint8Array(wav())]), "b.wav");
    const two = await fetch(`${baseUrl()}/api/uploads`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
    expect(two.status).toBe(400);

    const json = await api("/api/uploads", { token: user.token, body: { file: "nope" } });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe("VALIDATION_ERROR");
    expect((await upload({ token: "garbage" }, wav())).status).toBe(401);
    expect(await countUploads(user.id)).toBe(0);
  });
});

describe("uploads: serving", () => {
  it("sends safe headers: nosniff, RFC 6266 names, inline only for media, private immutable caching with ETag", async () => {
    const user = await createUser();
    // (Quotes would arrive as %22: browsers and undici escape them in multipart file names.)
    const photo = await upload(user, await image("png"), { name: "évian pool;\u202Egnp.exe", purpose: "photo" });
    expect(photo.status).toBe(201);
    expect(photo.body.upload.name).toBe("évian pool;gnp.png");
    const got = await download(user, photo.body.upload.url);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-disposition")).toBe(
      `inline; filename="evian pool_gnp.png"; filename*=UTF-8''%C3%A9vian%20pool%3Bgnp.png`,
    );
    expect(got.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const etag = got.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(got.headers.get("content-security-policy")).toContain("sandbox");
    const again = await download(user, photo.body.upload.url, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    const doc = await upload(user, pdf(), { name: "report.html" });
    expect(doc.body.upload.name).toBe("report.pdf");
    const docGot = await download(user, doc.body.upload.url);
    expect(docGot.headers.get("content-disposition")).toMatch(/^attachment; filename="report.pdf"/);
    const text = await upload(user, Buffer.from("just text"), { name: "readme.html" });
    expect(text.body.upload).toMatchObject({ mime: "text/plain", name: "readme.txt" });
    expect((await download(user, text.body.upload.url)).headers.get("content-disposition")).toMatch(/^attachment;/);
    const audio = await upload(user, fixture("tone.mp3"), { name: "tone.mp3" });
    expect((await download(user, audio.body.upload.url)).headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("serves byte ranges of audio and video: 206 with the right bytes, 416 when unsatisfiable", async () => {
    const user = await createUser();
    const bytes = fixture("clip.webm");
    const res = await upload(user, bytes, { name: "clip.webm" });
    const url = res.body.upload.url;
    const size = bytes.length;

    const first = await download(user, url, { range: "bytes=0-99" });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-99/${size}`);
    expect(first.headers.get("accept-ranges")).toBe("bytes");
    expect(first.bytes.equals(bytes.subarray(0, 100))).toBe(true);

    const middle = await download(user, url, { range: "bytes=1000-1499" });
    expect(middle.bytes.equals(bytes.subarray(1000, 1500))).toBe(true);
    const open = await download(user, url, { range: `bytes=${size - 10}-` });
    expect(open.bytes.equals(bytes.subarray(size - 10))).toBe(true);
    const suffix = await download(user, url, { range: "bytes=-20" });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-range")).toBe(`bytes ${size - 20}-${size - 1}/${size}`);
    expect(suffix.bytes.equals(bytes.subarray(size - 20))).toBe(true);
    const pastEnd = await download(user, url, { range: `bytes=0-${size * 2}` });
    expect(pastEnd.status).toBe(206);
    expect(pastEnd.bytes.equals(bytes)).toBe(true);

    for (const bad of [`bytes=${size}-`, `bytes=${size + 100}-${size + 200}`, "bytes=500-100", "bytes=-0"]) {
      const res416 = await download(user, url, { range: bad });
      expect(res416.status, bad).toBe(416);
      expect(res416.headers.get("content-range")).toBe(`bytes */${size}`);
      expect(res416.json()).toMatchObject({ success: false, code: "RANGE_NOT_SATISFIABLE" });
    }
    // A stale If-Range gets the whole file.
    const stale = await download(user, url, { range: "bytes=0-9", "if-range": '"not-the-etag"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.equals(bytes)).toBe(true);
    // Images are served whole.
    const photo = await upload(user, await image("png"), { purpose: "photo", name: "p.png" });
    const whole = await download(user, photo.body.upload.url, { range: "bytes=0-9" });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("none");
  });

  it("serves a file to its uploader only (403 for others, 401 signed out); avatars to anyone signed in", async () => {
    const owner = await createUser();
    const outsider = await createUser();
    const photo = await upload(owner, await image("jpeg"), { purpose: "photo", name: "private.jpg" });
    const file = await upload(owner, pdf(), { name: "secret.pdf" });
    for (const url of [photo.body.upload.url, photo.body.upload.thumb_url, file.body.upload.url]) {
      const res = await download(outsider, url);
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({ success: false, code: "FORBIDDEN" });
      expect((await download(null, url)).status).toBe(401);
      expect((await download(owner, url)).status).toBe(200);
    }
    const avatar = await upload(owner, await image("png"), { purpose: "avatar", name: "me.png" });
    expect((await download(outsider, avatar.body.upload.url)).status).toBe(200);
    expect((await download(null, avatar.body.upload.url)).status).toBe(401);
    expect((await download(outsider, "/api/uploads/does-not-exist")).status).toBe(404);
  });

  it("stores files outside public/ under server-made names", async () => {
    const user = await createUser();
    const res = await upload(user, pdf(), { name: "../../public/evil.pdf" });
    expect(res.body.upload.name).toBe("evil.pdf");
    const [file] = await storagePaths(res.body.upload.id);
    expect(file).toMatch(/\/uploads\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(existsSync(file!)).toBe(true);
    expect((await fetch(`${baseUrl()}/evil.pdf`)).status).toBe(404);
  });
});

describe("uploads: configuration and UploadThing", () => {
  it("tells clients the limits, accepted types and their quota", async () => {
    const user = await createUser();
    const res = await api("/api/uploads/config", { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      provider: "local",
      kinds: {
        image: { max_bytes: 10 * 1024 * 1024 },
        audio: { max_bytes: 25 * 1024 * 1024 },
        video: { max_bytes: 100 * 1024 * 1024 },
        file: { max_bytes: 25 * 1024 * 1024 },
      },
      purposes: { avatar: { kinds: ["image"] }, attachment: { kinds: ["image", "audio", "video", "file"] } },
      quota_bytes: 1024 * 1024 * 1024,
      used_bytes: 0,
    });
    await upload(user, wav(100));
    expect((await api("/api/uploads/config", { token: user.token })).body.used_bytes).toBe(wav(100).length);
  });

  it("answers 503 UNAVAILABLE on /api/uploadthing without UPLOADTHING_TOKEN", async () => {
    for (const method of ["GET", "POST"]) {
      const res = await api("/api/uploadthing?slug=attachment&actionType=upload", {
        method,
        ...(method === "POST" ? { body: { files: [] } } : {}),
      });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ success: false, code: "UNAVAILABLE" });
      expect(res.body.error).toMatch(/not configured/);
    }
  });

  it("documents the upload endpoints in the OpenAPI document", async () => {
    const doc = (await api("/api/openapi.json")).body;
    expect(doc.paths["/api/uploads"].post.requestBody.content).toHaveProperty("multipart/form-data");
    expect(Object.keys(doc.paths["/api/uploads"].post.responses)).toEqual(expect.arrayContaining(["201", "413", "415"]));
    expect(doc.paths["/api/uploads/{id}"].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "id" }), expect.objectContaining({ name: "thumb", in: "query" })]),
    );
    expect(doc.paths["/api/uploadthing"]).toHaveProperty("post");
  });
});
