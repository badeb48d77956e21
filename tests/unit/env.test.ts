import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.mjs";

describe("env", () => {
  it("refuses to start in production without NEXTAUTH_SECRET", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET: required in production/);
  });

  it("refuses a short secret and a bad DATABASE_URL, naming each variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "short", DATABASE_URL: "mysql://x" })).toThrow(
      /NEXTAUTH_SECRET: must be at least 32 characters[\s\S]*DATABASE_URL/,
    );
  });

  it("fills defaults", () => {
    const env = parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.JITSI_BASE_URL).toBe("https://meet.jit.si");
    expect(env.MEETING_LINK_PREFIX).toBe("Mem2gether");
    expect(env.UPLOAD_QUOTA_BYTES).toBe(1024 ** 3);
    expect(env.UPLOAD_DIR.endsWith(".data/uploads")).toBe(true);
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.SHUTDOWN_GRACE_MS).toBeUndefined();
    expect(env.NEXT_DIST_DIR).toBe(".next");
    expect(env.SKIP_BUILD).toBe(false);
    expect(env.LOG_LEVEL).toBe("info");
    expect(parseEnv({ NODE_ENV: "test" }).LOG_LEVEL).toBe("warn");
  });

  it("validates the pool size, the shutdown grace and the log format", () => {
    const env = parseEnv({ DATABASE_POOL_SIZE: "20", SHUTDOWN_GRACE_MS: "0", LOG_FORMAT: "json", SKIP_BUILD: "1", LOG_LEVEL: "debug" });
    expect([env.DATABASE_POOL_SIZE, env.SHUTDOWN_GRACE_MS, env.LOG_FORMAT, env.SKIP_BUILD, env.LOG_LEVEL]).toEqual([
      20,
      0,
      "json",
      true,
      "debug",
    ]);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0", SHUTDOWN_GRACE_MS: "-1", LOG_FORMAT: "xml" })).toThrow(
      /DATABASE_POOL_SIZE[\s\S]*LOG_FORMAT[\s\S]*SHUTDOWN_GRACE_MS/,
    );
  });

  it("reads RATE_LIMIT_EXEMPT_NETWORKS as a list and refuses entries that are not addresses or networks", () => {
    const base = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(parseEnv(base).RATE_LIMIT_EXEMPT_NETWORKS).toEqual([]);
    expect(
      parseEnv({ ...base, RATE_LIMIT_EXEMPT_NETWORKS: " 203.0.113.7, 198.51.100.0/24,2001:db8::/48 " }).RATE_LIMIT_EXEMPT_NETWORKS,
    ).toEqual(["203.0.113.7", "198.51.100.0/24", "2001:db8::/48"]);
    for (const bad of ["campus", "10.0.0.0/33", "10.0.0.1/8/2", "2001:db8::/129", "10.0.0.0/x"]) {
      expect(() => parseEnv({ ...base, RATE_LIMIT_EXEMPT_NETWORKS: bad })).toThrow(/RATE_LIMIT_EXEMPT_NETWORKS/);
    }
  });

  it("school sign-in: all three OIDC_* or none; PASSWORD_SIGNIN defaults to true and false needs OIDC", () => {
    const base = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) };
    const oidc = { OIDC_ISSUER: "https://sso.school.test/realms/school/", OIDC_CLIENT_ID: "m2g", OIDC_CLIENT_SECRET: "s3cret" };
    const off = parseEnv(base);
    expect(off.OIDC_ISSUER).toBeUndefined();
    expect(off.OIDC_NAME).toBe("School account");
    expect(off.PASSWORD_SIGNIN).toBe(true);
    const on = parseEnv({ ...base, ...oidc, OIDC_NAME: "ENT", PASSWORD_SIGNIN: "false" });
    expect(on.OIDC_ISSUER).toBe("https://sso.school.test/realms/school");
    expect(on.PASSWORD_SIGNIN).toBe(false);
    expect(parseEnv({ ...base, PASSWORD_SIGNIN: "" }).PASSWORD_SIGNIN).toBe(true);
    expect(() => parseEnv({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/set all three/);
    expect(() => parseEnv({ ...base, ...oidc, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
    expect(() => parseEnv({ ...base, PASSWORD_SIGNIN: "false" })).toThrow(/PASSWORD_SIGNIN: false needs school sign-in/);
    expect(() => parseEnv({ ...base, PASSWORD_SIGNIN: "no" })).toThrow(/PASSWORD_SIGNIN/);
  });
});
