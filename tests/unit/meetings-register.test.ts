import { describe, expect, it } from "vitest";
import { NOT_JOINED } from "@/lib/meetings/attendance";
import { computedStatus, registerCell, registerTotals, sessionStart, type SessionFacts } from "@/lib/meetings/register-cells";
import { registerCellText } from "@/lib/meetings/register-export";

const T0 = Date.UTC(2030, 0, 1, 9, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const session = (over: Partial<SessionFacts> = {}): SessionFacts => ({
  id: "m1",
  title: "Vectors",
  scheduledDate: at(0),
  duration: 90,
  status: "completed",
  startedAt: at(0),
  endedAt: at(90),
  ...over,
});
const joined = (minute: number, leftAfter = 30) => ({
  firstJoinedAt: at(minute),
  joinedAt: at(minute),
  leftAt: at(minute + leftAfter),
  attendedSeconds: leftAfter * 60,
});

describe("register cells", () => {
  it("measures lateness from the later of the plan and the actual start", () => {
    expect(sessionStart(session({ startedAt: at(-15) }))).toEqual(at(0));
    expect(sessionStart(session({ startedAt: at(20) }))).toEqual(at(20));
    expect(sessionStart(session({ status: "scheduled", startedAt: null }))).toBeNull();
    // Started 20 minutes late: joining at +25 is 5 minutes after the start.
    expect(computedStatus(session({ startedAt: at(20) }), joined(25))).toBe("present");
    // Started early: joining before the planned time is on time.
    expect(computedStatus(session({ startedAt: at(-15) }), joined(-10))).toBe("present");
  });

  it("is late after more than 10 minutes, absent without a join, nothing before the session is held", () => {
    expect(computedStatus(session(), joined(10))).toBe("present");
    expect(computedStatus(session(), joined(10.5))).toBe("late");
    expect(computedStatus(session(), NOT_JOINED)).toBe("absent");
    expect(computedStatus(session({ status: "ongoing", endedAt: null }), NOT_JOINED)).toBe("absent");
    expect(computedStatus(session({ status: "scheduled", startedAt: null, endedAt: null }), NOT_JOINED)).toBeNull();
  });

  it("lets an override win and keeps the measured values beside it", () => {
    const cell = registerCell(session(), { ...joined(25, 40), override: { status: "excused", note: "Doctor" } }, at(200));
    expect(cell).toEqual({
      meeting_id: "m1",
      status: "excused",
      computed_status: "late",
      overridden: true,
      note: "Doctor",
      minutes: 40,
      joined_at: at(25).toISOString(),
      minutes_late: 25,
    });
    expect(registerCellText(cell)).toBe("excused (40 min): Doctor");
    expect(registerCellText(null)).toBe("n/a");
    expect(registerCellText({ ...cell, status: null })).toBe("");
  });

  it("counts present + late over held sessions, excused left out", () => {
    const held = { held: true };
    const cells = (...s: (string | null)[]) => s.map((status) => (status === "none" ? null : { status: status as never }));
    expect(registerTotals([held, held, held, held], cells("present", "late", "absent", "excused"))).toEqual({
      present: 1,
      late: 1,
      absent: 1,
      excused: 1,
      counted: 3,
      percentage: 66.7,
    });
    // Not invited, not held (an excuse ahead does not count yet), only excused: no percentage.
    expect(registerTotals([held, { held: false }, held], cells("none", "excused", "excused"))).toMatchObject({
      excused: 1,
      counted: 0,
      percentage: null,
    });
  });
});
