import { describe, expect, it } from "vitest";
import { applyVideoAction, positionAt, snapshotAt, type VideoState } from "@/lib/rooms/youtube-state";
import { decideSync, describeDrift, initialSyncMemory, SEEK_COOLDOWN_MS } from "@/lib/rooms/sync-policy";

const empty: VideoState = { videoId: null, playing: false, position: 0, rate: 1, updatedAt: 0, version: 0 };

describe("video state machine", () => {
  it("advances a playing video by elapsed time times rate, and bumps the version on every change", () => {
    let s = applyVideoAction(empty, { type: "load", videoId: "abcdefghijk", start: 10 }, 1_000);
    expect(s).toMatchObject({ videoId: "abcdefghijk", playing: false, position: 10, version: 1 });
    s = applyVideoAction(s, { type: "play", position: 10 }, 2_000);
    expect(positionAt(s, 7_000)).toBe(15);
    s = applyVideoAction(s, { type: "rate", rate: 2 }, 7_000);
    expect(s.position).toBe(15);
    expect(positionAt(s, 9_000)).toBe(19);
    s = applyVideoAction(s, { type: "pause", position: 19 }, 9_000);
    expect(positionAt(s, 60_000)).toBe(19);
    expect(s.version).toBe(4);
    s = applyVideoAction(s, { type: "seek", position: -5 }, 10_000);
    expect(s.position).toBe(0);
  });

  it("gives a late joiner the position implied now", () => {
    const playing = applyVideoAction(
      applyVideoAction(empty, { type: "load", videoId: "abcdefghijk", start: 0 }, 0),
      { type: "play", position: 30 },
      1_000,
    );
    const late = snapshotAt(playing, 61_000);
    expect(late.position).toBe(90);
    expect(late.updatedAt).toBe(61_000);
    expect(late.version).toBe(playing.version);
  });

  it("clamps the rate", () => {
    expect(applyVideoAction(empty, { type: "rate", rate: 10 }, 0).rate).toBe(2);
    expect(applyVideoAction(empty, { type: "rate", rate: 0 }, 0).rate).toBe(0.25);
  });
});

describe("drift correction policy", () => {
  it("does nothing when in sync", () => {
    const { decision } = decideSync(100, 100.2, 1, true, 0, initialSyncMemory());
    expect(decision).toEqual({ kind: "none", rate: 1 });
  });

  it("nudges the rate for a small drift, faster when behind and slower when ahead, bounded", () => {
    const behind = decideSync(101, 100, 1, true, 0, initialSyncMemory()).decision;
    expect(behind.kind).toBe("nudge");
    expect(behind.rate).toBeGreaterThan(1);
    expect(behind.rate).toBeLessThanOrEqual(1.1);
    const ahead = decideSync(100, 101.5, 1.5, true, 0, initialSyncMemory()).decision;
    expect(ahead.kind).toBe("nudge");
    expect(ahead.rate).toBeLessThan(1.5);
    expect(ahead.rate).toBeGreaterThanOrEqual(1.5 * 0.9);
  });

  it("seeks beyond 2 s, then leaves the player alone while it buffers", () => {
    const first = decideSync(110, 100, 1, true, 0, initialSyncMemory());
    expect(first.decision).toEqual({ kind: "seek", position: 110, rate: 1 });
    const during = decideSync(115, 100, 1, true, SEEK_COOLDOWN_MS - 1, first.memory);
    expect(during.decision.kind).toBe("none");
    expect(decideSync(115, 100, 1, true, SEEK_COOLDOWN_MS + 1, first.memory).decision.kind).toBe("seek");
  });

  it("never yo-yos: once correcting it continues to the stop threshold, and does not start below the start threshold", () => {
    let memory = initialSyncMemory();
    // Drift 0.3 s: below the start threshold, no correction.
    expect(decideSync(100.3, 100, 1, true, 0, memory).decision.kind).toBe("none");
    // Drift 0.6 s starts a nudge...
    let step = decideSync(100.6, 100, 1, true, 0, memory);
    expect(step.decision.kind).toBe("nudge");
    memory = step.memory;
    // ...which continues at 0.3 s (hysteresis)...
    step = decideSync(100.3, 100, 1, true, 1000, memory);
    expect(step.decision.kind).toBe("nudge");
    memory = step.memory;
    // ...and stops under 0.1 s, restoring the room's rate.
    step = decideSync(100.05, 100, 1, true, 2000, memory);
    expect(step.decision).toEqual({ kind: "none", rate: 1 });
    // Simulated playback converges monotonically with no overshoot.
    let local = 0;
    let expected = 1.5;
    memory = initialSyncMemory();
    const drifts: number[] = [];
    for (let t = 0; t < 60; t++) {
      const { decision, memory: m } = decideSync(expected, local, 1, true, t * 500, memory);
      memory = m;
      local += 0.5 * decision.rate;
      expected += 0.5;
      drifts.push(expected - local);
    }
    expect(drifts.every((d) => d >= -0.05)).toBe(true);
    expect(Math.abs(drifts.at(-1)!)).toBeLessThan(0.4);
  });

  it("paused: seeks to the exact frame", () => {
    expect(decideSync(50, 48, 1, false, 0, initialSyncMemory()).decision).toEqual({ kind: "seek", position: 50, rate: 1 });
  });

  it("describes the drift for the indicator", () => {
    expect(describeDrift(0.1)).toEqual({ state: "in_sync", seconds: 0.1 });
    expect(describeDrift(2.44)).toEqual({ state: "behind", seconds: 2.4 });
    expect(describeDrift(-1.06)).toEqual({ state: "ahead", seconds: 1.1 });
  });
});
