import { env } from "@/lib/env.mjs";

/** A call's plain link on the configured Jitsi: `<JITSI_BASE_URL>/<room name>`. */
export function callLink(roomName: string): string {
  return `${env().JITSI_BASE_URL.replace(/\/+$/, "")}/${roomName}`;
}
