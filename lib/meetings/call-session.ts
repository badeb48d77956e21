// The embedded call's link to attendance (CONTRACT.md section 11), browser-safe and pure: it
// listens to a Jitsi IFrame API object (or anything with its interface) and sends presence beats
// while the call says the user is in it. The page (components/meetings/MeetingCall.tsx) gives it
// the real API; the unit test an object that emits the same events.

export interface JitsiApiLike {
  addListener(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

export type CallState = "connecting" | "in_call" | "left";

export interface CallSessionOptions {
  /** POST /api/meetings/:id/presence; failures are retried by the next beat. */
  beat: (inCall: boolean) => Promise<unknown>;
  onState?: (state: CallState) => void;
  /** Under the server's 30 s, so one lost beat is not a leave. */
  intervalMs?: number;
}

export const BEAT_INTERVAL_MS = 20_000;

/**
 * Start following the call; the returned function stops (and says "left" if the user was in),
 * unless `handOff`: the user moves to another call of the same meeting (a breakout group and
 * back), whose first beat follows within the grace, so their attendance goes on unbroken.
 */
export function attachCallSession(api: JitsiApiLike, options: CallSessionOptions): (stop?: { handOff?: boolean }) => void {
  const { beat, onState, intervalMs = BEAT_INTERVAL_MS } = options;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inCall = false;
  const send = (value: boolean) => void beat(value).catch(() => {});

  const joined = () => {
    if (inCall) return;
    inCall = true;
    send(true);
    timer = setInterval(() => send(true), intervalMs);
    onState?.("in_call");
  };
  const left = () => {
    if (!inCall) return;
    inCall = false;
    clearInterval(timer);
    send(false);
    onState?.("left");
  };

  api.addListener("videoConferenceJoined", joined);
  api.addListener("videoConferenceLeft", left);
  api.addListener("readyToClose", left);
  onState?.("connecting");
  return (stop) => {
    api.removeListener("videoConferenceJoined", joined);
    api.removeListener("videoConferenceLeft", left);
    api.removeListener("readyToClose", left);
    if (stop?.handOff) {
      inCall = false;
      clearInterval(timer);
    } else left();
  };
}

/** The parts of a join link the IFrame API takes: its host, the room, and the JWT if any. */
export function callTarget(meetingLink: string): { domain: string; roomName: string; jwt?: string } {
  const url = new URL(meetingLink);
  const jwt = url.searchParams.get("jwt") ?? undefined;
  return { domain: url.host, roomName: decodeURIComponent(url.pathname.replace(/^\/+/, "")), ...(jwt ? { jwt } : {}) };
}
