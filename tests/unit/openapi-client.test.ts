import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateClientFiles } from "../../scripts/gen-client";

describe("generated API client", () => {
  it("is up to date with the operations (npm run gen:client)", async () => {
    for (const [file, text] of Object.entries(await generateClientFiles())) {
      expect(readFileSync(file, "utf8") === text, `${path.basename(file)} is stale: run npm run gen:client`).toBe(true);
    }
  }, 60_000);
});
