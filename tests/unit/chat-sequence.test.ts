import { describe, expect, it } from "vitest";
import { SequencedLog } from "@/lib/chat/sequence";

const m = (seq: number, extra: Record<string, unknown> = {}) => ({ id: `m${seq}`, seq, ...extra });
const seqs = (log: SequencedLog<{ id: string; seq: number }>) => log.messages.map((x) => x.seq);

describe("SequencedLog", () => {
  it("shows the page it was opened with before anything else arrives", () => {
    const log = new SequencedLog([m(2), m(1)]);
    expect(seqs(log)).toEqual([1, 2]);
  });

  it("orders by seq and drops duplicates", () => {
    const log = new SequencedLog([m(3), m(1), m(2)]);
    expect(log.receive(m(5))).toBe(true);
    expect(log.receive(m(4))).toBe(false);
    expect(log.receive(m(4))).toBe(false);
    expect(seqs(log)).toEqual([1, 2, 3, 4, 5]);
    expect(log.contiguousSeq).toBe(5);
    expect(log.hasGap).toBe(false);
  });

  it("reports a gap and catches up from the last contiguous message", () => {
    const log = new SequencedLog([m(1), m(2)]);
    expect(log.receive(m(6))).toBe(true);
    expect(log.hasGap).toBe(true);
    expect(log.catchUpCursor()).toBe("m2");
    log.applyCatchUp([m(3), m(4)], false);
    expect(log.catchUpCursor()).toBe("m4");
    log.applyCatchUp([m(5), m(6), m(7)], true);
    expect(seqs(log)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(log.hasGap).toBe(false);
  });

  it("live messages that came during a catch-up are not taken for a whole range", () => {
    const log = new SequencedLog([m(1)]);
    expect(log.receive(m(3))).toBe(true);
    // The page was read before 3 existed and 2 is still missing from this client.
    expect(log.receive(m(4))).toBe(true);
    expect(log.applyCatchUp([], true)).toBe(true);
    expect(log.contiguousSeq).toBe(1);
    expect(log.applyCatchUp([m(2), m(3)], true)).toBe(false);
    expect(log.contiguousSeq).toBe(4);
  });

  it("a hole the server skips does not stall the log", () => {
    const log = new SequencedLog([m(1)]);
    expect(log.receive(m(3))).toBe(true);
    log.applyCatchUp([m(3)], true);
    expect(log.contiguousSeq).toBe(3);
    expect(log.receive(m(4))).toBe(false);
  });

  it("older pages and updates never move the contiguous position or the order", () => {
    const log = new SequencedLog([m(10), m(11)]);
    log.prepend([m(8), m(9)]);
    log.update("m9", { content: "edited" } as never);
    log.update("unknown", {});
    expect(seqs(log)).toEqual([8, 9, 10, 11]);
    expect(log.contiguousSeq).toBe(11);
    expect((log.messages[1] as unknown as { content: string }).content).toBe("edited");
  });
});
