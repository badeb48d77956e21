import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("migrations", () => {
  it("cover every change to prisma/schema.prisma (npm run db:migration -- <name>)", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const snapshot = readFileSync("prisma/migrations/schema-snapshot.prisma", "utf8");
    expect(snapshot, "schema.prisma changed without a new migration").toBe(schema);
  });

  it("each migration folder holds a migration.sql", () => {
    const dirs = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.length).toBeGreaterThan(0);
    for (const d of dirs) expect(readFileSync(`prisma/migrations/${d.name}/migration.sql`, "utf8").length).toBeGreaterThan(0);
  });
});
