import { describe, expect, it } from "vitest";
import type { YoutubeStateJson } from "@/lib/rooms/schemas";
import { YoutubeSyncClient, type PlayerLike } from "@/lib/rooms/youtube-sync-client";

/** A stand-in with the IFrame player's interface that plays in simulated time. */
class FakePlayer implements PlayerLike {
  time = 0;
  rate = 1;
  state = -1;
  video: string | null = null;
  seeks: number[] = [];
  getCurrentTime() {
    return this.time;
  }
  seekTo(s: number) {
    this.time = s;
    this.seeks.push(s);
  }
  playVideo() {
    this.state = 1;
  }
  pauseVideo() {
    this.state = 2;
  }
  setPlaybackRate(r: number) {
    this.rate = r;
  }
  cueVideoById(id: string, start = 0) {
    this.video = id;
    this.time = start;
    this.state = 5;
  }
  getPlayerState() {
    return this.state;
  }
  advance(ms: number) {
    if (this.state === 1) this.time += (ms / 1000) * this.rate;
  }
}

const state = (over: Partial<YoutubeStateJson>): YoutubeStateJson => ({
  room_id: "abcd1234",
  video_id: "dQw4w9WgXcQ",
  playing: false,
  position: 0,
  rate: 1,
  updated_at: 0,
  version: 1,
  server_now: 0,
  ...over,
});

describe("YoutubeSyncClient", () => {
  it("cues the video at the room's position and follows play/pause", () => {
    let now = 10_000;
    const player = new FakePlayer();
    const client = new YoutubeSyncClient(player, () => now);
    client.apply(state({ position: 30, updated_at: now, server_now: now }));
    expect(player.video).toBe("dQw4w9WgXcQ");
    expect(player.time).toBe(30);
    client.apply(state({ playing: true, position: 30, updated_at: now, server_now: now, version: 2 }));
    expect(player.state).toBe(1);
    now += 5000;
    player.advance(5000);
    expect(client.tick()).toEqual({ state: "in_sync", seconds: 0 });
  });

  it("never moves backwards on a stale version", () => {
    const player = new FakePlayer();
    const client = new YoutubeSyncClient(player, () => 0);
    expect(client.apply(state({ version: 5, position: 50 }))).toBe(true);
    expect(client.apply(state({ version: 4, position: 10 }))).toBe(false);
    expect(client.apply(state({ version: 5, position: 10 }))).toBe(false);
    expect(client.current?.position).toBe(50);
  });

  it("catches up a slow player by nudging the rate, then restores it, without seeking", () => {
    let now = 0;
    const player = new FakePlayer();
    const client = new YoutubeSyncClient(player, () => now);
    client.apply(state({ playing: true, position: 0, updated_at: 0, server_now: 0 }));
    player.time = 0;
    now = 1000; // the room is at 1 s, the player still at 0 (buffering)
    const first = client.tick();
    expect(first.state).toBe("behind");
    expect(player.rate).toBeGreaterThan(1);
    for (let i = 0; i < 40; i++) {
      now += 500;
      player.advance(500);
      client.tick();
    }
    expect(player.seeks).toEqual([]);
    expect(player.rate).toBe(1);
    expect(Math.abs(client.expectedPosition() - player.time)).toBeLessThan(0.4);
  });

  it("seeks when far off, and shows 'paused locally' without touching the player", () => {
    let now = 0;
    const player = new FakePlayer();
    const client = new YoutubeSyncClient(player, () => now);
    client.apply(state({ playing: true, position: 100, updated_at: 0, server_now: 0 }));
    player.time = 10;
    client.tick();
    expect(player.seeks.at(-1)).toBeCloseTo(100, 1);
    client.localPause = true;
    player.pauseVideo();
    now += 10_000;
    expect(client.tick()).toEqual({ state: "paused_locally", seconds: 0 });
    expect(player.state).toBe(2);
    client.resume();
    expect(player.state).toBe(1);
    expect(player.time).toBeCloseTo(110, 1);
  });

  it("uses the fastest time_sync round trip for the clock offset", () => {
    const player = new FakePlayer();
    const client = new YoutubeSyncClient(player, () => 1000);
    client.recordClockSample(900, 5950, 1000); // rtt 100: offset 5000
    client.recordClockSample(950, 9999, 1150); // slower: ignored
    client.apply(state({ playing: true, position: 0, updated_at: 6000, server_now: 6000 }));
    expect(client.expectedPosition()).toBeCloseTo(0, 5);
  });
});
