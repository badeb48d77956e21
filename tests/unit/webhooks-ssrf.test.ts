// The webhook target guard (lib/webhooks/ssrf.ts) with real DNS answers (`localhost`) and literal
// addresses: the integration server allows private targets (its receivers are on 127.0.0.1), so
// the refusals are shown here and in tests/cluster/jobs.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { guardedLookup, isPrivateAddress, targetProblem } from "@/lib/webhooks/ssrf";
import { signatureHeader, verifySignature } from "@/lib/webhooks/signature";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "240.0.0.1",
    "198.18.0.1",
    "::",
    "::1",
    "fe80::1",
    "fe80::1%eth0",
    "febf::1",
    "fc00::1",
    "fd12:3456:789a::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:a9fe:a9fe",
    "[::ffff:192.168.0.1]",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "2002:c0a8:0101::1",
    "0:0:0:0:0:ffff:7f00:0001",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "2a00:1450::1",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("allows %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("targetProblem", () => {
  it("refuses names that resolve to loopback and literal internal addresses; allows them when told", async () => {
    for (const url of [
      "http://localhost:8080/hook",
      "http://127.0.0.1/",
      "https://[::1]/",
      "http://[::ffff:127.0.0.1]/x",
      "http://169.254.169.254/latest",
      "http://0.0.0.0/",
      // Other spellings of 127.0.0.1 (the URL parser normalises them).
      "http://2130706433/",
      "http://0x7f.1/",
    ]) {
      expect(await targetProblem(new URL(url), false), url).toMatch(/internal/);
      expect(await targetProblem(new URL(url), true), url).toBeNull();
    }
  });

  it("allows a public literal address and refuses a name that does not resolve and other protocols", async () => {
    expect(await targetProblem(new URL("https://93.184.215.14/hook"), false)).toBeNull();
    expect(await targetProblem(new URL("https://no-such-host.invalid/hook"), false)).toMatch(/does not resolve/);
    expect(await targetProblem(new URL("ftp://93.184.215.14/"), false)).toMatch(/http/);
  });
});

describe("guardedLookup", () => {
  it("refuses to connect when the name resolves to an internal address: the server never hears the request", async () => {
    let heard = 0;
    const server = http.createServer((_req, res) => {
      heard++;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const request = (allowPrivate: boolean) =>
      new Promise<number | Error>((resolve) => {
        const req = http.request({
          host: "localhost",
          port,
          path: "/",
          method: "POST",
          agent: false,
          family: 4,
          lookup: guardedLookup(allowPrivate) as never,
        });
        req.on("response", (res) => (res.resume(), resolve(res.statusCode ?? 0)));
        req.on("error", resolve);
        req.end("{}");
      });
    try {
      const refused = await request(false);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).name).toBe("TargetRefused");
      expect(heard).toBe(0);
      expect(await request(true)).toBe(200);
      expect(heard).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe("guardedLookup answers both forms Node asks for", () => {
  const ask = (options: { all?: boolean }, allowPrivate: boolean) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      guardedLookup(allowPrivate)("localhost", options, (err, address, family) => resolve({ err, address, family })),
    );

  it("a list with `all` (autoSelectFamily), one address without; a refusal either way", async () => {
    const all = await ask({ all: true }, true);
    expect(all.err).toBeNull();
    expect(Array.isArray(all.address) && all.address.length > 0).toBe(true);
    const one = await ask({}, true);
    expect(one.err).toBeNull();
    expect(typeof one.address).toBe("string");
    expect([4, 6]).toContain(one.family);
    expect((await ask({ all: true }, false)).err?.name).toBe("TargetRefused");
    expect((await ask({}, false)).err?.name).toBe("TargetRefused");
  });
});

describe("signatures", () => {
  it("sign t.body with HMAC-SHA256; a changed body, secret or stale t fails", () => {
    const body = JSON.stringify({ id: "evt_1", event: "room.closed", created_at: "2026-01-01T00:00:00.000Z", data: {} });
    const now = 1_800_000_000;
    const header = signatureHeader("s3cret-s3cret-s3cret", body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("s3cret-s3cret-s3cret", body, header, 300, now + 10)).toBe(true);
    expect(verifySignature("s3cret-s3cret-s3cret", body + " ", header, 300, now)).toBe(false);
    expect(verifySignature("another-secret-entirely", body, header, 300, now)).toBe(false);
    expect(verifySignature("s3cret-s3cret-s3cret", body, header, 300, now + 301)).toBe(false);
  });
});
