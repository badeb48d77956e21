import { describe, expect, it } from "vitest";
import { api } from "../helpers/client";

describe("integrator docs", () => {
  it("serves an OpenAPI 3.1 document generated from the handlers' schemas", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const register = res.body.paths["/api/auth/register"].post;
    expect(register.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["email", "username", "password"]),
    );
    expect(register.requestBody.content["application/json"].schema.properties.password.minLength).toBe(8);
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(["201", "400", "409"]));
    const user = res.body.paths["/api/users/{id}"].get;
    expect(user.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(res.body.paths["/api/me"]).toHaveProperty("patch");
    expect(res.body.paths["/api/me"]).toHaveProperty("delete");
  });

  it("renders a readable reference at /docs/api", async () => {
    const res = await fetch(`${(await import("../helpers/client")).baseUrl()}/docs/api`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/api/auth/register");
    expect(html).toContain("Create an account");
  }, 180_000);
});
