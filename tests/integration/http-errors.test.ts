import { describe, expect, it } from "vitest";
import { api, createUser } from "../helpers/client";

describe("every bad request gets the contract's JSON error", () => {
  it("malformed JSON", async () => {
    const res = await api("/api/auth/register", { raw: "{not json", headers: { "content-type": "application/json" }, method: "POST" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: "VALIDATION_ERROR", details: { body: ["Malformed JSON"] } });
  });

  it("wrong types and missing fields", async () => {
    const res = await api("/api/auth/register", { body: { email: 12, username: ["a"] } });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty("email");
    expect(res.body.details).toHaveProperty("username");
    expect(res.body.details).toHaveProperty("password");
    const arr = await api("/api/auth/token", { body: [1, 2] });
    expect(arr.status).toBe(400);
  });

  it("over-long strings", async () => {
    const user = await createUser();
    const res = await api("/api/me", { method: "PATCH", token: user.token, body: { name: "n".repeat(81) } });
    expect(res.status).toBe(400);
    expect(res.body.details?.name?.[0]).toMatch(/at most 80/);
    const huge = await api("/api/auth/register", { body: { email: "a@b.co", username: "abc", password: "p".repeat(2_000_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("unknown routes and methods", async () => {
    const res = await api("/api/does/not/exist");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, code: "NOT_FOUND" });
    const post = await api("/api/nothing-here", { method: "POST", body: {} });
    expect(post.status).toBe(404);
    const method = await api("/api/auth/register", { method: "GET" });
    expect(method.status).toBe(405);
    expect(method.body).toMatchObject({ success: false, code: "METHOD_NOT_ALLOWED" });
    expect(method.headers.get("allow")).toBe("POST");
  });

  it("unauthenticated calls", async () => {
    const res = await api("/api/me");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, error: expect.any(String), code: "UNAUTHENTICATED" });
  });

  it("answers with and without a trailing slash, without a redirect", async () => {
    const a = await api("/api/health");
    const b = await api("/api/health/");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.database.reachable).toBe(true);
  });

  it("readiness is true while serving", async () => {
    const res = await api("/api/ready");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, ready: true, draining: false });
  });
});
