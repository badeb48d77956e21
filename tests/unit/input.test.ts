import { describe, expect, it } from "vitest";
import { assertCleanText } from "@/lib/http/input";

describe("assertCleanText", () => {
  it("accepts ordinary text, emoji and non-Latin scripts", () => {
    expect(() => assertCleanText({ a: "Bonjour à tous 👋", b: ["日本語", { c: "ok" }], n: 5, z: null })).not.toThrow();
  });

  it("names the field holding a NUL character or a lone surrogate", () => {
    expect(() => assertCleanText({ a: { b: ["ok", "x\u0000"] } })).toThrow(
      expect.objectContaining({ code: "VALIDATION_ERROR", details: { "a.b.1": [expect.any(String)] } }),
    );
    expect(() => assertCleanText({ content: "\ud83d" })).toThrow(expect.objectContaining({ details: { content: [expect.any(String)] } }));
    expect(() => assertCleanText({ ["bad\u0000key"]: 1 })).toThrow(expect.objectContaining({ code: "VALIDATION_ERROR" }));
    expect(() => assertCleanText("\udc00")).toThrow(expect.objectContaining({ details: { payload: [expect.any(String)] } }));
  });
});
