import { describe, expect, it } from "vitest";
import { fromLocalInput, plannedEnd, toLocalInput } from "../../lib/meetings/time";

describe("meetings: date-time picker values in the viewer's zone", () => {
  it("shows an instant as the wall clock of the zone", () => {
    expect(toLocalInput("2030-11-02T10:00:00.000Z", "Europe/Paris")).toBe("2030-11-02T11:00");
    expect(toLocalInput("2030-07-02T10:00:00.000Z", "Europe/Paris")).toBe("2030-07-02T12:00");
    expect(toLocalInput("2030-11-02T10:00:00.000Z", "America/New_York")).toBe("2030-11-02T06:00");
    expect(toLocalInput("2030-11-02T23:30:00.000Z", "Asia/Kolkata")).toBe("2030-11-03T05:00");
    expect(toLocalInput("2030-11-02T10:00:00.000Z", "UTC")).toBe("2030-11-02T10:00");
  });

  it("reads a wall clock back as the instant, across DST changes", () => {
    expect(fromLocalInput("2030-11-02T11:00", "Europe/Paris")?.toISOString()).toBe("2030-11-02T10:00:00.000Z");
    expect(fromLocalInput("2030-07-02T12:00", "Europe/Paris")?.toISOString()).toBe("2030-07-02T10:00:00.000Z");
    expect(fromLocalInput("2030-11-03T05:00", "Asia/Kolkata")?.toISOString()).toBe("2030-11-02T23:30:00.000Z");
    // The last Sunday of March 2030 in Paris: 02:00 -> 03:00. Just before and after.
    expect(fromLocalInput("2030-03-31T01:30", "Europe/Paris")?.toISOString()).toBe("2030-03-31T00:30:00.000Z");
    expect(fromLocalInput("2030-03-31T03:30", "Europe/Paris")?.toISOString()).toBe("2030-03-31T01:30:00.000Z");
    // Round trips.
    // The last Sunday of October: 03:00 -> 02:00. A wall time seen twice is its first occurrence.
    expect(fromLocalInput("2030-10-27T02:30", "Europe/Paris")?.toISOString()).toBe("2030-10-27T00:30:00.000Z");
    for (const iso of ["2030-01-15T08:05:00.000Z", "2030-10-27T00:59:00.000Z", "2030-10-27T02:00:00.000Z"]) {
      expect(fromLocalInput(toLocalInput(iso, "Europe/Paris"), "Europe/Paris")?.toISOString()).toBe(iso);
    }
  });

  it("refuses what is not a date and time", () => {
    for (const bad of ["", "2030-11-02", "2030-02-30T10:00", "2030-11-02T25:00", "tomorrow"]) expect(fromLocalInput(bad, "UTC")).toBeNull();
  });

  it("computes the planned end", () => {
    expect(plannedEnd({ scheduled_date: "2030-11-02T10:00:00.000Z", duration: 90 }).toISOString()).toBe("2030-11-02T11:30:00.000Z");
  });
});
