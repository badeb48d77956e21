import "server-only";
import { SignJWT } from "jose";
import { env } from "@/lib/env.mjs";

// Schools run their own Jitsi (or JaaS) with JWT authentication, as Moodle's Jitsi plugin does:
// meet.jit.si asks a moderator to sign in with a social account and is not meant for apps.

export interface JitsiConfig {
  baseUrl: string;
  prefix: string;
  appId: string;
  appSecret: string;
}

export interface JitsiParticipant {
  id: string;
  name: string;
  email: string;
  /** Absolute URL (the call's server fetches it), or null. */
  avatar: string | null;
  moderator: boolean;
}

/** A call running over its planned end still lets people (re)join for this long. */
export const JITSI_GRACE_SECONDS = 60 * 60;

/** The call's room name, the last segment of its link. */
export const jitsiRoomName = (prefix: string, meetingId: string) => `${prefix}-${meetingId}`;

/** The configuration when `JITSI_APP_ID` and `JITSI_APP_SECRET` are both set, else null (plain links). */
export function jitsiConfig(): JitsiConfig | null {
  const e = env();
  if (!e.JITSI_APP_ID || !e.JITSI_APP_SECRET) return null;
  return {
    baseUrl: e.JITSI_BASE_URL.replace(/\/+$/, ""),
    prefix: e.MEETING_LINK_PREFIX,
    appId: e.JITSI_APP_ID,
    appSecret: e.JITSI_APP_SECRET,
  };
}

/**
 * The JWT Jitsi's token authentication (prosody `token` auth) expects: HS256, `aud: "jitsi"`,
 * `iss` the app id, `sub` the Jitsi host, `room` the call's room; it expires no earlier than the
 * meeting's planned end (plus a grace, and never before an hour from now for a meeting joined late).
 */
export async function jitsiToken(
  config: JitsiConfig,
  meeting: { meetingId: string; scheduledDate: Date; duration: number },
  user: JitsiParticipant,
  now = new Date(),
  /** The call's room: the meeting's own, or one of its breakout groups'. */
  roomName = jitsiRoomName(config.prefix, meeting.meetingId),
): Promise<string> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const plannedEnd = Math.floor(meeting.scheduledDate.getTime() / 1000) + meeting.duration * 60;
  const exp = Math.max(plannedEnd, nowSeconds) + JITSI_GRACE_SECONDS;
  return new SignJWT({
    room: roomName,
    context: { user: { id: user.id, name: user.name, email: user.email, avatar: user.avatar ?? undefined, moderator: user.moderator } },
    moderator: user.moderator,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(config.appId)
    .setAudience("jitsi")
    .setSubject(new URL(config.baseUrl).hostname)
    .setIssuedAt(nowSeconds)
    .setNotBefore(nowSeconds - 60)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(config.appSecret));
}

/** The join link with its token: `<base>/<room>?jwt=<token>`. */
export async function jitsiJoinLink(
  config: JitsiConfig,
  meeting: { meetingId: string; scheduledDate: Date; duration: number },
  user: JitsiParticipant,
  now = new Date(),
  roomName = jitsiRoomName(config.prefix, meeting.meetingId),
): Promise<string> {
  const token = await jitsiToken(config, meeting, user, now, roomName);
  return `${config.baseUrl}/${roomName}?jwt=${token}`;
}
