import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createUser } from "../helpers/client";
import { download, fixture, image, pdf, storagePaths, upload, setUpServerEnvironment, wav, withDb } from "../helpers/uploads";

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/prisma");
  await disconnectDb();
});

// Some tests call the uploads domain in this process (as a later domain would), against the
// test server's database and upload directory.
setUpServerEnvironment();

describe("avatars", () => {
  it("sets and clears the avatar with one of my avatar uploads; avatar_url shows in every summary", async () => {
    const user = await createUser({ name: "Avatar Owner" });
    const other = await createUser();
    // Avatars are stored at most 512px wide and high.
    const first = await upload(user, await image("png", 1200, 800), { purpose: "avatar", name: "me.png" });
    expect(first.body.upload).toMatchObject({ width: 512, height: 341 });
    const set = await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: first.body.upload.id } });
    expect(set.status).toBe(200);
    const url = `/api/uploads/${first.body.upload.id}`;
    expect(set.body.user.avatar_url).toBe(url);
    expect((await api("/api/me", { token: user.token })).body.user.avatar_url).toBe(url);
    expect((await api(`/api/users/${user.id}`, { token: other.token })).body.user.avatar_url).toBe(url);
    const search = await api(`/api/users?q=${user.username}`, { token: other.token });
    expect(search.body.users[0]).toMatchObject({ id: user.id, avatar_url: url });
    // Anyone signed in can see it.
    expect((await download(other, url)).status).toBe(200);

    // Replacing it removes the old avatar (record and files).
    const oldFiles = await storagePaths(first.body.upload.id);
    const second = await upload(user, await image("jpeg"), { purpose: "avatar", name: "me2.jpg" });
    const replaced = await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: second.body.upload.id } });
    expect(replaced.body.user.avatar_url).toBe(`/api/uploads/${second.body.upload.id}`);
    expect((await download(user, url)).status).toBe(404);
    for (const f of oldFiles) expect(existsSync(f)).toBe(false);

    const cleared = await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.user.avatar_url).toBeNull();
    expect((await api(`/api/users/${user.id}`, { token: other.token })).body.user.avatar_url).toBeNull();
  });

  it("refuses an upload that is not mine, not an avatar, or unknown, changing nothing", async () => {
    const user = await createUser();
    const other = await createUser();
    const mine = await upload(user, await image("png"), { purpose: "avatar", name: "me.png" });
    await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: mine.body.upload.id } });

    const theirs = await upload(other, await image("png"), { purpose: "avatar", name: "them.png" });
    const stolen = await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: theirs.body.upload.id } });
    expect(stolen.status).toBe(403);
    expect(stolen.body.code).toBe("FORBIDDEN");

    const photo = await upload(user, await image("png"), { purpose: "photo", name: "p.png" });
    const wrongPurpose = await api("/api/me", {
      method: "PATCH",
      token: user.token,
      body: { avatar_upload_id: photo.body.upload.id, name: "Changed" },
    });
    expect(wrongPurpose.status).toBe(400);
    expect(wrongPurpose.body.details?.avatar_upload_id).toBeDefined();

    const unknown = await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: "nope" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details?.avatar_upload_id).toBeDefined();

    const me = (await api("/api/me", { token: user.token })).body.user;
    expect(me.avatar_url).toBe(`/api/uploads/${mine.body.upload.id}`);
    expect(me.name).not.toBe("Changed");
  });
});

describe("account deletion", () => {
  it("removes the user's upload records and files", async () => {
    const user = await createUser();
    const other = await createUser();
    const ids: string[] = [];
    for (const [bytes, purpose] of [
      [await image("png"), "avatar"],
      [await image("jpeg"), "photo"],
      [wav(), "attachment"],
    ] as const) {
      const res = await upload(user, bytes, { purpose, name: `f.${purpose}` });
      expect(res.status).toBe(201);
      ids.push(res.body.upload.id);
    }
    await api("/api/me", { method: "PATCH", token: user.token, body: { avatar_upload_id: ids[0] } });
    const theirs = await upload(other, pdf(), { name: "keep.pdf" });
    const files = (await Promise.all(ids.map(storagePaths))).flat();
    expect(files.length).toBe(5); // two images with thumbnails, one audio file
    for (const f of files) expect(existsSync(f)).toBe(true);

    const del = await api("/api/me", { method: "DELETE", token: user.token, body: { password: user.password } });
    expect(del.status).toBe(200);
    for (const f of files) expect(existsSync(f)).toBe(false);
    const left = await withDb((c) => c.query("SELECT count(*) FROM uploads WHERE id = ANY($1)", [ids]));
    expect(Number(left.rows[0].count)).toBe(0);
    // Others' uploads stay.
    expect((await download(other, theirs.body.upload.url)).status).toBe(200);
  });
});

describe("unused uploads", () => {
  it("are removed after a day unless a domain marked them attached", async () => {
    const { markUploadAttached, removeStaleUploads } = await import("@/lib/uploads/service");
    const user = await createUser();
    const stale = await upload(user, wav(), { name: "stale.wav" });
    const used = await upload(user, wav(), { name: "used.wav" });
    const fresh = await upload(user, wav(), { name: "fresh.wav" });
    await markUploadAttached(used.body.upload.id);
    const staleFiles = await storagePaths(stale.body.upload.id);
    await withDb((c) =>
      c.query("UPDATE uploads SET created_at = now() - interval '25 hours' WHERE id = ANY($1)", [
        [stale.body.upload.id, used.body.upload.id],
      ]),
    );
    expect(await removeStaleUploads()).toBeGreaterThanOrEqual(1);
    expect((await download(user, stale.body.upload.url)).status).toBe(404);
    for (const f of staleFiles) expect(existsSync(f)).toBe(false);
    expect((await download(user, used.body.upload.url)).status).toBe(200);
    expect((await download(user, fresh.body.upload.url)).status).toBe(200);
  });
});

describe("access rules of other domains", () => {
  it("grant access beyond the uploader through registerUploadAccessRule", async () => {
    const { canAccessUpload, claimUpload, registerUploadAccessRule } = await import("@/lib/uploads/service");
    const owner = await createUser();
    const member = await createUser();
    const outsider = await createUser();
    const res = await upload(owner, await image("png"), { purpose: "photo", name: "room.png", roomId: "room1234" });
    const record = await claimUpload(res.body.upload.id, owner.id, { purposes: ["photo"], kinds: ["image"] });
    expect(record.roomId).toBe("room1234");
    expect(record.attachedAt).not.toBeNull();
    await expect(claimUpload(res.body.upload.id, member.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(claimUpload(res.body.upload.id, owner.id, { purposes: ["attachment"] })).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
    });

    expect(await canAccessUpload(record, member.id)).toBe(false);
    registerUploadAccessRule("test-room", (upload, userId) => upload.roomId === "room1234" && userId === member.id);
    registerUploadAccessRule("test-broken", () => {
      throw new Error("a failing rule denies, it does not break access");
    });
    expect(await canAccessUpload(record, member.id)).toBe(true);
    expect(await canAccessUpload(record, outsider.id)).toBe(false);
    expect(await canAccessUpload(record, owner.id)).toBe(true);
  });
});

describe("UploadThing path (without reaching UploadThing)", () => {
  let fileServer: Server;
  let fileBase = "";
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    // Stands in for UploadThing's file host: serves bytes, honouring Range like a CDN.
    fileServer = createServer((req, res) => {
      const bytes = files.get(req.url ?? "");
      if (!bytes) return res.writeHead(404).end();
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
      if (range) {
        const [start, end] = [Number(range[1]), Number(range[2])];
        res.writeHead(206, { "content-range": `bytes ${start}-${end}/${bytes.length}` }).end(bytes.subarray(start, end + 1));
      } else res.writeHead(200).end(bytes);
    });
    await new Promise<void>((r) => fileServer.listen(0, "127.0.0.1", r));
    const address = fileServer.address();
    fileBase = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => fileServer.close(() => r())));

  it("middleware authenticates with the session, and applies the shared limits and the quota", async () => {
    const { uploadRouter } = await import("@/lib/uploads/uploadthing");
    const user = await createUser();
    const middleware = uploadRouter.attachment.middleware;
    const request = (headers: Record<string, string>) => new Request("http://localhost/api/uploadthing", { method: "POST", headers });
    const file = (size: number, type = "audio/mpeg") => [{ name: "a.mp3", size, type, lastModified: 0 }];

    await expect(middleware({ req: request({}), files: file(100), input: {} } as never)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The browser's session cookie (the same token format), from a foreign origin: CSRF refusal.
    const cookie = `next-auth.session-token=${user.token}`;
    await expect(
      middleware({ req: request({ cookie, origin: "https://evil.example" }), files: file(100), input: {} } as never),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const meta = await middleware({
      req: request({ cookie, origin: baseUrl() }),
      files: file(100),
      input: { room_id: "abcd1234" },
    } as never);
    expect(meta).toMatchObject({ userId: user.id, purpose: "attachment", roomId: "abcd1234" });
    await expect(
      middleware({
        req: request({ authorization: `Bearer ${user.token}` }),
        files: file(101 * 1024 * 1024, "video/mp4"),
        input: {},
      } as never),
    ).rejects.toMatchObject({ code: "TOO_LARGE" });
    await withDb((c) => c.query("UPDATE users SET upload_quota_bytes = 1000 WHERE id = $1", [user.id]));
    await expect(
      middleware({ req: request({ authorization: `Bearer ${user.token}` }), files: file(2000), input: {} } as never),
    ).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringMatching(/quota/i),
    });
  });

  it("records a finished upload after the same checks, and the server serves it (with ranges) from the remote URL", async () => {
    const { recordRemoteUpload } = await import("@/lib/uploads/uploadthing");
    const user = await createUser();
    const outsider = await createUser();
    const bytes = fixture("clip.webm");
    files.set("/f/clip", bytes);
    const json = await recordRemoteUpload(
      { userId: user.id, purpose: "attachment", roomId: null },
      { key: "clip-key", name: "clip.webm", size: bytes.length, ufsUrl: `${fileBase}/f/clip`, fileHash: "abc123" },
    );
    expect(json).toMatchObject({
      mime: "video/webm",
      kind: "video",
      size: bytes.length,
      name: "clip.webm",
      url: `/api/uploads/${json.id}`,
    });
    const row = (await withDb((c) => c.query("SELECT storage, storage_key, remote_url FROM uploads WHERE id = $1", [json.id]))).rows[0];
    expect(row).toEqual({ storage: "uploadthing", storage_key: "clip-key", remote_url: `${fileBase}/f/clip` });

    const whole = await download(user, json.url);
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(bytes)).toBe(true);
    expect(whole.headers.get("etag")).toBe('"abc123"');
    const part = await download(user, json.url, { range: "bytes=10-19" });
    expect(part.status).toBe(206);
    expect(part.bytes.equals(bytes.subarray(10, 20))).toBe(true);
    expect((await download(outsider, json.url)).status).toBe(403);

    // Bytes that do not match an allowed type are refused and never recorded.
    files.set("/f/evil", Buffer.from("<html><script>alert(1)</script></html>"));
    await expect(
      recordRemoteUpload(
        { userId: user.id, purpose: "attachment", roomId: null },
        { key: "evil-key", name: "evil.png", size: 40, ufsUrl: `${fileBase}/f/evil`, fileHash: "x" },
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    files.set("/f/pdf", pdf());
    await expect(
      recordRemoteUpload(
        { userId: user.id, purpose: "photo", roomId: null },
        { key: "pdf-key", name: "doc.pdf", size: 100, ufsUrl: `${fileBase}/f/pdf`, fileHash: "y" },
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/must be an image/) });
    const count = await withDb((c) => c.query("SELECT count(*) FROM uploads WHERE user_id = $1", [user.id]));
    expect(Number(count.rows[0].count)).toBe(1);
  });
});
