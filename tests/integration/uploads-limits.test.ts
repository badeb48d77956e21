import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp, PROD_DIST_DIR, startNode, type AppNode } from "../setup/nodes";
import { api, baseUrl, createUser, type TestUser } from "../helpers/client";
import { fixture, image, rssBytes, upload, wav, withDb } from "../helpers/uploads";

const MB = 1024 * 1024;

interface StreamResult {
  status: number;
  body: any;
  /** Bytes of the body the client had written when the answer arrived. */
  sentWhenAnswered: number;
  peakRss: number;
}

/**
 * POST a multipart upload whose file part is `head` followed by filler bytes, up to `total`
 * bytes, written as fast as the server takes them (chunked: no Content-Length, so only the
 * streaming limit can stop it). Stops writing as soon as the answer arrives.
 */
function streamUpload(
  user: TestUser,
  options: { purpose: string; head: Buffer; total: number; pid?: number; headers?: Record<string, string>; base?: string },
): Promise<StreamResult> {
  const boundary = `----m2g${Math.random().toString(16).slice(2)}`;
  const preamble = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${options.purpose}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const url = new URL(options.base ?? baseUrl());
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let peakRss = options.pid ? rssBytes(options.pid) : 0;
    const sampler = options.pid ? setInterval(() => (peakRss = Math.max(peakRss, rssBytes(options.pid!))), 25) : undefined;
    // A connection of its own (a refused request's socket must never carry the next request),
    // but keep-alive as browsers do: with `Connection: close` the server would end the
    // connection right after its answer, while this client is still sending.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const req = http.request({
      agent,
      host: url.hostname,
      port: url.port,
      path: "/api/uploads",
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": `multipart/form-data; boundary=${boundary}`, ...options.headers },
    });
    req.on("response", (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        clearInterval(sampler);
        if (options.pid) peakRss = Math.max(peakRss, rssBytes(options.pid));
        req.destroy();
        agent.destroy();
        resolve({ status: res.statusCode!, body: JSON.parse(text), sentWhenAnswered, peakRss });
      });
    });
    req.on("error", (err) => {
      clearInterval(sampler);
      agent.destroy();
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const pump = async () => {
      req.write(preamble);
      req.write(options.head);
      sent = options.head.length;
      while (!answered && !req.destroyed && sent < options.total) {
        const ok = req.write(chunk);
        sent += chunk.length;
        if (!ok) await new Promise<void>((r) => req.once("drain", () => r()));
      }
      if (!answered && !req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump().catch(reject);
  });
}

/** An MP4 start (ftyp box): a video candidate, so only the 100 MB limit applies while streaming. */
const MP4_HEAD = Buffer.from("0000001c667479706973366d0000020069736f6d69736f326d70343100000008", "hex");

const countUploads = (userId: string) =>
  withDb(async (c) => Number((await c.query("SELECT count(*) FROM uploads WHERE user_id = $1", [userId])).rows[0].count));

describe("uploads: memory", () => {
  // Measured on a node of its own (same database and upload directory, like a second node of a
  // cluster): the suite's shared server compiles pages and decodes images for the other test
  // files meanwhile, which moves its memory by more than any threshold could tell apart.
  let node: AppNode | undefined;
  // The shared production build (tests/setup/nodes.ts, built once and reused): a dev server compiling and
  // writing its cache in the background grows by hundreds of MB on a fresh clone, whatever the
  // upload path does.
  beforeAll(async () => {
    buildApp();
    node = await startNode({
      databaseUrl: inject("databaseUrl"),
      mode: "prod",
      distDir: PROD_DIST_DIR,
      env: { DATA_DIR: inject("dataDir") },
    });
  }, 400_000);
  afterAll(async () => {
    await node?.stop();
  });

  it("refuses 150 MB streams with 413 once 100 MB have passed, while the server's memory stays flat", async () => {
    const user = await createUser();
    const base = node!.baseUrl;
    // Warm up: the route is compiled and the pipeline loaded before measuring.
    const warm = new FormData();
    warm.append("purpose", "attachment");
    warm.append("file", new Blob([new Uint8Array(fixture("clip.mp4"))]), "warm.mp4");
    expect(
      (await fetch(`${base}/api/uploads`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: warm })).status,
    ).toBe(201);
    const before = rssBytes(node!.pid);
    // Four at once: a server holding what it receives would need 400 MB at the same time (this
    // implementation measured +35 MB here; one buffering on purpose, over +230 MB).
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => streamUpload(user, { purpose: "attachment", head: MP4_HEAD, total: 150 * MB, pid: node!.pid, base })),
    );
    for (const result of results) {
      expect(result.status).toBe(413);
      expect(result.body).toMatchObject({ success: false, code: "PAYLOAD_TOO_LARGE", error: "Videos can be at most 100 MB" });
      // Answered at the limit, not after reading everything...
      expect(result.sentWhenAnswered).toBeGreaterThan(100 * MB);
      expect(result.sentWhenAnswered).toBeLessThan(150 * MB);
    }
    // ...and without holding it.
    const peak = Math.max(...results.map((r) => r.peakRss));
    expect(peak - before).toBeLessThan(100 * MB);
    expect(await countUploads(user.id)).toBe(1);
  }, 120_000);
});

describe("uploads: size limits", () => {
  it("applies the per-kind limit as soon as the type is known: images 10 MB, audio 25 MB", async () => {
    const user = await createUser();
    const png = await image("png");
    const photo = await streamUpload(user, { purpose: "photo", head: png, total: 30 * MB });
    expect(photo.status).toBe(413);
    expect(photo.body.error).toBe("Images can be at most 10 MB");
    expect(photo.sentWhenAnswered).toBeLessThan(30 * MB);
    const audio = await streamUpload(user, { purpose: "attachment", head: wav(100), total: 60 * MB });
    expect(audio.status).toBe(413);
    expect(audio.body.error).toBe("Audio files can be at most 25 MB");
    expect(audio.sentWhenAnswered).toBeLessThan(60 * MB);
    // A type the purpose refuses is refused from its first bytes, not after the whole body.
    const video = await streamUpload(user, { purpose: "avatar", head: MP4_HEAD, total: 60 * MB });
    expect(video.status).toBe(415);
    expect(video.sentWhenAnswered).toBeLessThan(10 * MB);
    expect(await countUploads(user.id)).toBe(0);
  });

  it("refuses a too large Content-Length before reading the body", async () => {
    const user = await createUser();
    const result = await streamUpload(user, {
      purpose: "attachment",
      head: Buffer.alloc(0),
      total: 1 * MB,
      headers: { "content-length": String(200 * MB) },
    });
    expect(result.status).toBe(413);
    expect(result.body.error).toMatch(/at most 100 MB/);
  });
});

describe("uploads: quota", () => {
  // The quota comes from UPLOAD_QUOTA_BYTES (1 GB in tests) unless an operator set one for the
  // user: this test sets a small one in the database for its own user, which exercises the very
  // same check without a second server or gigabytes of uploads.
  it("gives 413 with a clear message once a user's files reach their quota, recording nothing", async () => {
    const user = await createUser();
    const file = fixture("tone.mp3");
    await withDb((c) => c.query("UPDATE users SET upload_quota_bytes = $1 WHERE id = $2", [Math.floor(file.length * 2.5), user.id]));
    expect((await upload(user, file, { name: "1.mp3" })).status).toBe(201);
    expect((await upload(user, file, { name: "2.mp3" })).status).toBe(201);
    const third = await upload(user, file, { name: "3.mp3" });
    expect(third.status).toBe(413);
    expect(third.body).toMatchObject({ success: false, code: "PAYLOAD_TOO_LARGE" });
    expect(third.body.error).toMatch(/quota/i);
    expect(third.body.error).toContain(`${((file.length * 2) / 1024).toFixed(1).replace(/\.0$/, "")} KB`);
    expect(await countUploads(user.id)).toBe(2);
    const config = await api("/api/uploads/config", { token: user.token });
    expect(config.body).toMatchObject({ quota_bytes: Math.floor(file.length * 2.5), used_bytes: file.length * 2 });

    // A stream larger than what remains is cut at the quota, not at the kind's limit.
    const stream = await streamUpload(user, { purpose: "attachment", head: wav(100), total: 5 * MB });
    expect(stream.status).toBe(413);
    expect(stream.body.error).toMatch(/quota/i);
    expect(stream.sentWhenAnswered).toBeLessThan(5 * MB);
  });

  it("counts concurrent uploads of one user against the quota together", async () => {
    const user = await createUser();
    const file = fixture("clip.webm");
    await withDb((c) => c.query("UPDATE users SET upload_quota_bytes = $1 WHERE id = $2", [file.length * 3, user.id]));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(user, file, { name: `${i}.webm` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 413)).toHaveLength(3);
    expect(await countUploads(user.id)).toBe(3);
  });
});
