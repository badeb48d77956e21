// Browser side of the YouTube sync, written against the player's interface so it runs (and is
// tested) without the YouTube iframe API. The room page feeds it `youtube_state` events and calls
// `tick()` twice a second.
import type { YoutubeStateJson } from "./schemas";
import { decideSync, describeDrift, initialSyncMemory, type SyncMemory } from "./sync-policy";

/** The subset of the YouTube IFrame player we use (react-youtube hands us the real one). */
export interface PlayerLike {
  getCurrentTime(): number;
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  playVideo(): void;
  pauseVideo(): void;
  setPlaybackRate(rate: number): void;
  cueVideoById(videoId: string, startSeconds?: number): void;
  /** -1 unstarted, 0 ended, 1 playing, 2 paused, 3 buffering, 5 cued. */
  getPlayerState(): number;
}

export interface SyncStatus {
  state: "in_sync" | "behind" | "ahead" | "paused_locally" | "no_video";
  seconds: number;
}

export class YoutubeSyncClient {
  private state: YoutubeStateJson | null = null;
  private memory: SyncMemory = initialSyncMemory();
  private loadedVideo: string | null = null;
  /** server clock - local clock, ms */
  private offsetMs = 0;
  private bestRtt = Infinity;
  /** A viewer may step out of sync (pause for themselves) without affecting anyone. */
  localPause = false;

  constructor(
    private readonly player: PlayerLike,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** NTP-style estimate from a time_sync round trip; the fastest round trip wins. */
  recordClockSample(sentAt: number, serverNow: number, receivedAt: number): void {
    const rtt = receivedAt - sentAt;
    if (rtt > this.bestRtt) return;
    this.bestRtt = rtt;
    this.offsetMs = serverNow - (sentAt + receivedAt) / 2;
  }

  get current(): YoutubeStateJson | null {
    return this.state;
  }

  /** Apply a server state; stale versions (older or equal) never move the client backwards. */
  apply(next: YoutubeStateJson): boolean {
    if (this.state && next.version <= this.state.version) return false;
    if (this.bestRtt === Infinity) this.offsetMs = next.server_now - this.now();
    this.state = next;
    if (next.video_id && next.video_id !== this.loadedVideo) {
      this.loadedVideo = next.video_id;
      this.player.cueVideoById(next.video_id, this.expectedPosition());
    }
    this.memory = initialSyncMemory();
    if (!this.localPause) this.enforcePlayState();
    return true;
  }

  /** Where the room's video is now, by the server's clock. */
  expectedPosition(): number {
    const s = this.state;
    if (!s) return 0;
    if (!s.playing) return s.position;
    const serverNow = this.now() + this.offsetMs;
    return Math.max(0, s.position + ((serverNow - s.updated_at) / 1000) * s.rate);
  }

  private enforcePlayState() {
    const s = this.state;
    if (!s?.video_id) return;
    const playing = this.player.getPlayerState() === 1 || this.player.getPlayerState() === 3;
    if (s.playing && !playing) this.player.playVideo();
    if (!s.playing && playing) this.player.pauseVideo();
  }

  /** One correction step; returns what the viewer's indicator shows. */
  tick(): SyncStatus {
    const s = this.state;
    if (!s?.video_id) return { state: "no_video", seconds: 0 };
    if (this.localPause) return { state: "paused_locally", seconds: 0 };
    this.enforcePlayState();
    const expected = this.expectedPosition();
    const actual = this.player.getCurrentTime();
    const { decision, memory } = decideSync(expected, actual, s.rate, s.playing, this.now(), this.memory);
    this.memory = memory;
    if (decision.kind === "seek") this.player.seekTo(decision.position, true);
    this.player.setPlaybackRate(decision.rate);
    const d = describeDrift(expected - actual);
    return { state: d.state, seconds: d.seconds };
  }

  /** Back in sync after a local pause. */
  resume(): void {
    this.localPause = false;
    this.memory = initialSyncMemory();
    this.enforcePlayState();
    if (this.state) this.player.seekTo(this.expectedPosition(), true);
  }
}
