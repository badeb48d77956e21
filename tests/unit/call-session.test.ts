// The embedded call's adapter against an object with the Jitsi IFrame API's interface: beats
// while the call says joined, a final "left", nothing before joining, nothing after stopping.
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attachCallSession, callTarget, type CallState } from "@/lib/meetings/call-session";

class FakeJitsi extends EventEmitter {
  addListener(event: string, fn: (...args: unknown[]) => void) {
    return super.addListener(event, fn);
  }
}

describe("the embedded call's presence", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("beats while in the call, says left once, and stops with the page", async () => {
    const api = new FakeJitsi();
    const beats: boolean[] = [];
    const states: CallState[] = [];
    const stop = attachCallSession(api, { beat: async (v) => beats.push(v), onState: (s) => states.push(s), intervalMs: 20_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toEqual([]); // not in the call yet: nothing counts
    api.emit("videoConferenceJoined", { roomName: "x" });
    api.emit("videoConferenceJoined", { roomName: "x" }); // twice: once
    expect(beats).toEqual([true]);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(beats).toEqual([true, true, true, true]);
    api.emit("videoConferenceLeft", {});
    api.emit("readyToClose");
    expect(beats).toEqual([true, true, true, true, false]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toHaveLength(5);
    api.emit("videoConferenceJoined", {});
    expect(beats.at(-1)).toBe(true);
    stop(); // leaving the page while in the call is a leave
    expect(beats.at(-1)).toBe(false);
    expect(api.listenerCount("videoConferenceJoined") + api.listenerCount("videoConferenceLeft") + api.listenerCount("readyToClose")).toBe(
      0,
    );
    expect(states).toEqual(["connecting", "in_call", "left", "in_call", "left"]);
  });

  it("keeps beating when one fails (the next one retries)", async () => {
    const api = new FakeJitsi();
    let calls = 0;
    attachCallSession(api, { beat: async () => (++calls === 1 ? Promise.reject(new Error("offline")) : undefined), intervalMs: 1_000 });
    api.emit("videoConferenceJoined");
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(4);
  });

  it("a hand-off to another call of the meeting (a breakout group) stops beating without a leave", async () => {
    const main = new FakeJitsi();
    const beats: boolean[] = [];
    const stop = attachCallSession(main, { beat: async (v) => beats.push(v), intervalMs: 20_000 });
    main.emit("videoConferenceJoined");
    stop({ handOff: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toEqual([true]); // no "left", no more beats from the old call
    const group = new FakeJitsi();
    attachCallSession(group, { beat: async (v) => beats.push(v), intervalMs: 20_000 });
    group.emit("videoConferenceJoined");
    expect(beats).toEqual([true, true]);
  });

  it("reads the IFrame API's target from a join link, with or without a JWT", () => {
    expect(callTarget("https://meet.example.edu/m2g-abc123?jwt=eyJ.x.y")).toEqual({
      domain: "meet.example.edu",
      roomName: "m2g-abc123",
      jwt: "eyJ.x.y",
    });
    expect(callTarget("https://meet.jit.si/m2g-abc123")).toEqual({ domain: "meet.jit.si", roomName: "m2g-abc123" });
  });
});
