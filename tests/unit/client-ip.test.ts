import { describe, expect, it } from "vitest";
import { normalizeIp, resolveClientIp } from "@/lib/http/client-ip";

describe("resolveClientIp", () => {
  it("uses the TCP peer unless the proxy is trusted", () => {
    expect(resolveClientIp({ "x-forwarded-for": "1.2.3.4" }, "10.0.0.9", false)).toBe("10.0.0.9");
    expect(resolveClientIp({ "x-forwarded-for": "1.2.3.4" }, "10.0.0.9", true)).toBe("1.2.3.4");
  });

  it("takes X-Real-IP first, then the last X-Forwarded-For entry, and ignores garbage", () => {
    expect(resolveClientIp({ "x-real-ip": "5.6.7.8", "x-forwarded-for": "1.2.3.4" }, "10.0.0.9", true)).toBe("5.6.7.8");
    expect(resolveClientIp({ "x-forwarded-for": "6.6.6.6, 1.2.3.4" }, "10.0.0.9", true)).toBe("1.2.3.4");
    expect(resolveClientIp({ "x-forwarded-for": "not-an-ip" }, "10.0.0.9", true)).toBe("10.0.0.9");
  });

  it("unwraps IPv4-mapped addresses and groups IPv6 by /64", () => {
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(normalizeIp("::1")).toBe("0:0:0:0::/64");
  });
});
