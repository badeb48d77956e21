import { decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { JITSI_GRACE_SECONDS, jitsiJoinLink, jitsiToken } from "@/lib/meetings/jitsi";

const config = { baseUrl: "https://jitsi.campus.example", prefix: "Course", appId: "app-id", appSecret: "a-secret-of-enough-length" };
const meeting = { meetingId: "0d4c2f0e-6c55-4b59-9a4e-2b4a3b0c9d11", scheduledDate: new Date("2026-12-07T09:00:00Z"), duration: 60 };
const user = { id: "u1", name: "Léa Élève", email: "lea@campus.example", avatar: null, moderator: false };

describe("Jitsi tokens", () => {
  it("carries the claims Jitsi's token auth checks, signed HS256 with the app secret", async () => {
    const now = new Date("2026-12-07T08:50:00Z");
    const token = await jitsiToken(config, meeting, user, now);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(config.appSecret), {
      audience: "jitsi",
      issuer: "app-id",
      currentDate: now,
    });
    expect(protectedHeader).toMatchObject({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({ sub: "jitsi.campus.example", room: `Course-${meeting.meetingId}` });
    expect(payload.context).toEqual({ user: { id: "u1", name: "Léa Élève", email: "lea@campus.example", moderator: false } });
    expect(payload.exp).toBe(Date.parse("2026-12-07T10:00:00Z") / 1000 + JITSI_GRACE_SECONDS);
  });

  it("never expires before the planned end, even when joined late; the link ends in ?jwt=", async () => {
    const late = new Date("2026-12-07T11:30:00Z");
    const link = await jitsiJoinLink(config, meeting, { ...user, moderator: true, avatar: "https://app.example/api/uploads/a" }, late);
    expect(link.startsWith(`https://jitsi.campus.example/Course-${meeting.meetingId}?jwt=`)).toBe(true);
    const claims = decodeJwt(link.split("?jwt=")[1]!);
    expect(claims.exp).toBe(late.getTime() / 1000 + JITSI_GRACE_SECONDS);
    expect((claims.context as { user: { moderator: boolean; avatar: string } }).user).toMatchObject({
      moderator: true,
      avatar: "https://app.example/api/uploads/a",
    });
  });
});
