// The server-authoritative video state machine (pure: the clock is an argument).

export const MAX_POSITION = 24 * 3600;
export const MIN_RATE = 0.25;
export const MAX_RATE = 2;

export interface VideoState {
  videoId: string | null;
  playing: boolean;
  /** Seconds, at `updatedAt`. */
  position: number;
  rate: number;
  /** Server clock, ms. */
  updatedAt: number;
  version: number;
}

export type VideoAction =
  | { type: "load"; videoId: string; start: number }
  | { type: "play"; position: number }
  | { type: "pause"; position: number }
  | { type: "seek"; position: number }
  | { type: "rate"; rate: number };

const clampPosition = (p: number) => Math.min(MAX_POSITION, Math.max(0, p));

/** Where a video is at `now`: a playing one has moved on since `updatedAt`. */
export function positionAt(state: VideoState, now: number): number {
  if (!state.playing) return state.position;
  return clampPosition(state.position + ((now - state.updatedAt) / 1000) * state.rate);
}

/** The next state; every change bumps `version` so clients can drop stale ones. */
export function applyVideoAction(state: VideoState, action: VideoAction, now: number): VideoState {
  const base = { ...state, updatedAt: now, version: state.version + 1 };
  switch (action.type) {
    case "load":
      return { ...base, videoId: action.videoId, playing: false, position: clampPosition(action.start), rate: 1 };
    case "play":
      return { ...base, playing: true, position: clampPosition(action.position) };
    case "pause":
      return { ...base, playing: false, position: clampPosition(action.position) };
    case "seek":
      return { ...base, position: clampPosition(action.position) };
    case "rate":
      return { ...base, position: positionAt(state, now), rate: Math.min(MAX_RATE, Math.max(MIN_RATE, action.rate)) };
  }
}

/** The state as sent to a client at `now`: the position it implies now (late joiners start right). */
export function snapshotAt(state: VideoState, now: number): VideoState {
  return { ...state, position: positionAt(state, now), updatedAt: now };
}
