import { describe, expect, it } from "vitest";
import { parseUtcTimestamp } from "@/lib/db/prisma";

describe("sql() timestamps", () => {
  it("reads timestamp(3) columns as the UTC instants Prisma wrote, whatever TZ says", () => {
    const tz = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(parseUtcTimestamp("2026-11-21 08:41:00.123").toISOString()).toBe("2026-11-21T08:41:00.123Z");
      expect(parseUtcTimestamp("2026-03-08 02:30:00").toISOString()).toBe("2026-03-08T02:30:00.000Z");
    } finally {
      process.env.TZ = tz;
    }
  });
});
