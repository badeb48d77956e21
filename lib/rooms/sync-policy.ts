// Client-side drift correction (pure, unit-tested; the player adapter applies the decisions).
// What the best watch-party tools do: small drift is absorbed by nudging the playback rate
// (inaudible, no jump), large drift by a seek. Hysteresis keeps it from yo-yoing: correction
// starts above START and runs until the drift is under STOP, and a seek is followed by a quiet
// period while the player buffers.

export const SEEK_THRESHOLD = 2; // s: beyond this, seek
export const START_THRESHOLD = 0.4; // s: begin nudging above this
export const STOP_THRESHOLD = 0.1; // s: nudging ends below this
export const MAX_NUDGE = 0.1; // at most ±10% of the room's rate
export const SEEK_COOLDOWN_MS = 3000;

export interface SyncMemory {
  correcting: boolean;
  lastSeekAt: number;
}

export type SyncDecision =
  { kind: "none"; rate: number } | { kind: "nudge"; rate: number } | { kind: "seek"; position: number; rate: number };

export const initialSyncMemory = (): SyncMemory => ({ correcting: false, lastSeekAt: -Infinity });

/**
 * @param expected where the room's video is now (from the server state and clock offset)
 * @param actual   where the local player is
 * @param roomRate the room's playback rate
 */
export function decideSync(
  expected: number,
  actual: number,
  roomRate: number,
  playing: boolean,
  now: number,
  memory: SyncMemory,
): { decision: SyncDecision; memory: SyncMemory } {
  const drift = expected - actual; // > 0: we are behind
  const abs = Math.abs(drift);
  if (!playing) {
    // Paused: just be at the right frame.
    if (abs > STOP_THRESHOLD)
      return { decision: { kind: "seek", position: expected, rate: roomRate }, memory: { correcting: false, lastSeekAt: now } };
    return { decision: { kind: "none", rate: roomRate }, memory: { ...memory, correcting: false } };
  }
  if (now - memory.lastSeekAt < SEEK_COOLDOWN_MS) return { decision: { kind: "none", rate: roomRate }, memory };
  if (abs > SEEK_THRESHOLD) {
    return { decision: { kind: "seek", position: expected, rate: roomRate }, memory: { correcting: false, lastSeekAt: now } };
  }
  const correcting = memory.correcting ? abs > STOP_THRESHOLD : abs > START_THRESHOLD;
  if (!correcting) return { decision: { kind: "none", rate: roomRate }, memory: { ...memory, correcting: false } };
  // Proportional: catch up ~half the drift over the next couple of seconds, bounded.
  const nudge = Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, drift / 4));
  return { decision: { kind: "nudge", rate: roomRate * (1 + nudge) }, memory: { ...memory, correcting: true } };
}

/** "in sync" / "2.4 s behind" / "1.1 s ahead": the viewer's sync indicator. */
export function describeDrift(drift: number): { state: "in_sync" | "behind" | "ahead"; seconds: number } {
  const seconds = Math.round(Math.abs(drift) * 10) / 10;
  if (Math.abs(drift) < START_THRESHOLD) return { state: "in_sync", seconds };
  return { state: drift > 0 ? "behind" : "ahead", seconds };
}
