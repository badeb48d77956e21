import { describe, expect, it } from "vitest";
import {
  applyJoin,
  applyLeave,
  attendanceBasis,
  attendancePercentage,
  attendedSeconds,
  isPresent,
  NOT_JOINED,
  toMinutes,
} from "@/lib/meetings/attendance";

/** A fake clock: minutes after a fixed instant. */
const T0 = Date.UTC(2030, 0, 1, 9, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe("attendance arithmetic (injected clock)", () => {
  it("adds up several join/leave cycles and counts the open interval as of now", () => {
    let s = applyJoin(NOT_JOINED, at(0));
    expect(isPresent(s)).toBe(true);
    expect(attendedSeconds(s, at(4))).toBe(240);
    s = applyLeave(s, at(10));
    expect(s.attendedSeconds).toBe(600);
    expect(attendedSeconds(s, at(30))).toBe(600); // absent time does not count
    s = applyJoin(s, at(20));
    s = applyLeave(s, at(25));
    s = applyJoin(s, at(40));
    expect(attendedSeconds(s, at(47))).toBe(22 * 60);
    s = applyLeave(s, at(47));
    expect(s).toEqual({ firstJoinedAt: at(0), joinedAt: at(40), leftAt: at(47), attendedSeconds: 22 * 60 });
    expect(toMinutes(attendedSeconds(s, at(90)))).toBe(22);
  });

  it("ignores a join while present and a leave while absent", () => {
    const joined = applyJoin(NOT_JOINED, at(0));
    expect(applyJoin(joined, at(5))).toBe(joined);
    const left = applyLeave(joined, at(5));
    expect(applyLeave(left, at(9))).toBe(left);
    expect(applyLeave(NOT_JOINED, at(9))).toBe(NOT_JOINED);
  });

  it("keeps the first join across rejoins and never counts negative time", () => {
    let s = applyJoin(NOT_JOINED, at(3));
    s = applyJoin(applyLeave(s, at(4)), at(8));
    expect(s.firstJoinedAt).toEqual(at(3));
    expect(s.leftAt).toBeNull();
    // A clock that went backwards (another node slightly behind) counts zero, not minus.
    expect(applyLeave(s, at(7)).attendedSeconds).toBe(60);
  });

  it("measures percentages against the actual span once ended, else the scheduled duration", () => {
    expect(attendanceBasis({ scheduledMinutes: 60, startedAt: null, endedAt: null })).toEqual({ basis: "scheduled", seconds: 3600 });
    expect(attendanceBasis({ scheduledMinutes: 60, startedAt: at(0), endedAt: null })).toEqual({ basis: "scheduled", seconds: 3600 });
    expect(attendanceBasis({ scheduledMinutes: 60, startedAt: at(0), endedAt: at(44) })).toEqual({ basis: "actual", seconds: 44 * 60 });
    expect(attendancePercentage(22 * 60, 44 * 60)).toBe(50);
    expect(attendancePercentage(20, 60)).toBe(33.3);
    expect(attendancePercentage(5000, 3600)).toBe(100);
    expect(attendancePercentage(10, 0)).toBe(0);
    expect(toMinutes(90)).toBe(1.5);
    expect(toMinutes(40)).toBe(0.7);
  });
});
