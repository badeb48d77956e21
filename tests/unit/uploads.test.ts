import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/formats/filename";
import { storedName } from "@/lib/uploads/names";
import { parseRange } from "@/lib/uploads/range";
import { ALLOWED_TYPES, KIND_LIMITS, acceptFor, maxBytesFor, mimesFor } from "@/lib/uploads/schemas";
import { TextChecker, mp4Tracks, sniffFile, sniffHead, webmTracks } from "@/lib/uploads/sniff";
import { uploadthingRouteConfig } from "@/lib/uploads/uploadthing-config";

const fixtures = path.resolve("tests/fixtures/uploads");
const scratch = mkdtempSync(path.join(tmpdir(), "m2g-sniff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(scratch, name);
  writeFileSync(p, content);
  return p;
};

describe("stored names and Content-Disposition", () => {
  it("keeps the base name, drops paths and controls, and makes the extension match the type", () => {
    expect(storedName("C:\\Users\\me\\Photo.JPEG", "image/jpeg", "image")).toBe("Photo.jpeg");
    expect(storedName("../../etc/passwd", "text/plain", "file")).toBe("passwd.txt");
    expect(storedName("evil.html", "image/png", "image")).toBe("evil.png");
    expect(storedName("invoice\u202Efdp.exe", "application/pdf", "file")).toBe("invoicefdp.pdf");
    expect(storedName("notes.md", "text/plain", "file")).toBe("notes.md");
    expect(storedName("", "audio/mpeg", "audio")).toBe("audio.mp3");
    expect(storedName("...", "application/zip", "file")).toBe("file.zip");
    expect(storedName("version 1.2 final (copy)", "application/pdf", "file")).toBe("version 1.2 final (copy).pdf");
    expect(storedName("x".repeat(500) + ".png", "image/png", "image").length).toBe(120);
  });

  it("writes an ASCII fallback and the RFC 8187 UTF-8 name", () => {
    expect(contentDisposition("inline", "photo.jpg")).toBe(`inline; filename="photo.jpg"; filename*=UTF-8''photo.jpg`);
    expect(contentDisposition("attachment", "Résumé «final».pdf")).toBe(
      `attachment; filename="Resume _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C2%ABfinal%C2%BB.pdf`,
    );
    expect(contentDisposition("attachment", `a"b\\c;d'e(f).txt`)).toBe(
      `attachment; filename="a_b_c_d'e(f).txt"; filename*=UTF-8''a%22b%5Cc%3Bd%27e%28f%29.txt`,
    );
    expect(contentDisposition("attachment", "日本語.txt")).toMatch(/^attachment; filename="___.txt"; filename\*=UTF-8''%E6%97%A5/);
  });
});

describe("byte ranges", () => {
  it("parses single ranges, ignores what it may ignore, and spots the unsatisfiable", () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-500", 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=50-500", 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=20-10", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseRange("items=0-1", 100)).toBeNull();
    expect(parseRange("bytes=abc", 100)).toBeNull();
  });
});

describe("sniffing", () => {
  it("accepts UTF-8 text and refuses binary, other encodings and markup", () => {
    const ok = (s: string | Buffer) => {
      const c = new TextChecker();
      c.push(Buffer.from(s), false);
      c.end();
    };
    expect(() => ok("plain text ✓ with émojis 🎉\r\n\ttabs")).not.toThrow();
    expect(() => ok("\uFEFFwith a BOM")).not.toThrow();
    expect(() => ok("a < b and c > d, x<y")).not.toThrow();
    expect(() => ok("\x1b[31mred log line\x1b[0m")).not.toThrow();
    for (const bad of [
      "<html>",
      "  <svg/>",
      "<?xml version='1.0'?>",
      "<!-- c -->",
      "text then <script>x</script>",
      "<p>hi</p>",
      Buffer.from([0x66, 0x00, 0x6f]),
    ]) {
      expect(() => ok(bad), String(bad)).toThrow();
    }
    expect(() => ok(Buffer.from([0xc3, 0x28]))).toThrow(/UTF-8/);
    expect(() => ok(Buffer.from("\ufeff<html>"))).toThrow();
    // A multi-byte character split across chunks is fine; a truncated one at the end is not.
    const split = new TextChecker();
    const euro = Buffer.from("€");
    split.push(euro.subarray(0, 1));
    split.push(euro.subarray(1));
    expect(() => split.end()).not.toThrow();
    const truncated = new TextChecker();
    truncated.push(euro.subarray(0, 2));
    expect(() => truncated.end()).toThrow(/UTF-8/);
    // Markup split across chunks is still seen.
    const across = new TextChecker();
    across.push(Buffer.from("hello <scr"));
    expect(() => across.push(Buffer.from("ipt>alert(1)"))).toThrow();
  });

  it("judges the first bytes: known types, media containers, text, refusals", async () => {
    expect(await sniffHead(Buffer.from("%PDF-1.4\n"), true)).toEqual({ type: "known", mime: "application/pdf", kind: "file" });
    expect(await sniffHead((await import("node:fs")).readFileSync(path.join(fixtures, "clip.mp4")), true)).toEqual({ type: "media" });
    expect(await sniffHead(Buffer.from("hello"), true)).toEqual({ type: "text" });
    await expect(sniffHead(Buffer.from("<svg/>"), true)).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    await expect(sniffHead(Buffer.alloc(0), true)).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    // Matroska that is not WebM
    await expect(
      sniffHead(Buffer.from("1a45dfa39b4286810142f7810142f2810442f381084282886d6174726f736b61", "hex"), true),
    ).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("tells audio from video in MP4 and WebM by their tracks", async () => {
    expect(await mp4Tracks(path.join(fixtures, "clip.mp4"))).toEqual({ video: true, audio: false });
    expect(await mp4Tracks(path.join(fixtures, "tone.mp4"))).toEqual({ video: false, audio: true }); // moov after mdat
    expect(await webmTracks(path.join(fixtures, "clip.webm"))).toEqual({ video: true, audio: false });
    expect(await webmTracks(path.join(fixtures, "tone.webm"))).toEqual({ video: false, audio: true });
    expect(await sniffFile(path.join(fixtures, "tone.m4a"))).toEqual({ mime: "audio/mp4", kind: "audio" });
    expect(await sniffFile(file("t.txt", "just text\n"))).toEqual({ mime: "text/plain", kind: "file" });
    expect(await sniffFile(file("v.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"))).toEqual({ mime: "text/plain", kind: "file" });
    await expect(sniffFile(file("x.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"))).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
  });
});

describe("the shared table", () => {
  it("drives UploadThing's route config with the same types and limits", () => {
    const attachment = uploadthingRouteConfig("attachment");
    for (const mime of Object.keys(ALLOWED_TYPES) as (keyof typeof ALLOWED_TYPES)[]) {
      const bytes = KIND_LIMITS[ALLOWED_TYPES[mime].kind];
      expect(attachment[mime], mime).toEqual({ maxFileSize: `${bytes / 1024 / 1024}MB`, maxFileCount: 1, minFileCount: 1 });
    }
    expect(attachment["audio/x-wav"]?.maxFileSize).toBe("25MB");
    expect(Object.keys(uploadthingRouteConfig("photo")).sort()).toEqual(["image/gif", "image/jpeg", "image/png", "image/webp"]);
    expect(Object.keys(uploadthingRouteConfig("avatar"))).toEqual(Object.keys(uploadthingRouteConfig("photo")));
  });

  it("gives each purpose its kinds and largest limit", () => {
    expect(maxBytesFor("avatar")).toBe(10 * 1024 * 1024);
    expect(maxBytesFor("attachment")).toBe(100 * 1024 * 1024);
    expect(mimesFor("photo")).toEqual(["image/jpeg", "image/png", "image/webp", "image/gif"]);
    expect(acceptFor("avatar")).toContain(".webp");
    expect(acceptFor("avatar")).not.toContain("pdf");
  });
});
