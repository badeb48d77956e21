import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, ERROR_STATUS, isDatabaseUnavailable, toApiError } from "@/lib/http/errors";
import { sessionTokenFromCookieHeader } from "@/lib/auth/tokens";

describe("error model", () => {
  it("maps every code to its status and never leaks an unknown error's text", () => {
    expect(new ApiError("GONE", "closed").status).toBe(410);
    expect(ERROR_STATUS.RATE_LIMITED).toBe(429);
    const internal = toApiError(new Error("password=hunter2 at db.ts:12"));
    expect(internal.toBody()).toEqual({ success: false, error: "Something went wrong on our side", code: "INTERNAL" });
  });

  it("recognizes an ApiError from the other module graph's copy of this module", async () => {
    vi.resetModules();
    const other = await import("@/lib/http/errors");
    expect(other.ApiError).not.toBe(ApiError);
    const foreign = other.errors.rateLimited(2.2);
    const err = toApiError(foreign);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.toBody()).toEqual({ success: false, error: "Too many requests, slow down", code: "RATE_LIMITED" });
    expect(err.retryAfter).toBe(3);
  });

  it("turns zod errors into field details", () => {
    const result = z.object({ a: z.string(), b: z.object({ c: z.number() }) }).safeParse({ b: { c: "x" } });
    const err = toApiError(result.error);
    expect(err.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(err.details ?? {})).toEqual(["a", "b.c"]);
  });
});

describe("session cookie parsing", () => {
  it("reads whole and chunked next-auth cookies", () => {
    expect(sessionTokenFromCookieHeader("a=1; next-auth.session-token=abc; b=2")).toBe("abc");
    expect(sessionTokenFromCookieHeader("next-auth.session-token.0=ab; next-auth.session-token.1=cd")).toBe("abcd");
    expect(sessionTokenFromCookieHeader("other=1")).toBeNull();
    expect(sessionTokenFromCookieHeader(undefined)).toBeNull();
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable database through pg, the ORM and Prisma's raw queries", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    const raw = Object.assign(new Error("Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:1`"), {
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } } },
    });
    expect(isDatabaseUnavailable(raw)).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } })).toBe(true);
    expect(toApiError(raw).code).toBe("UNAVAILABLE");
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "23505" } } } })).toBe(false);
    expect(isDatabaseUnavailable(new Error("duplicate key"))).toBe(false);
  });
});
