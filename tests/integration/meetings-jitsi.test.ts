// Jitsi with JWT authentication (CONTRACT.md section 11): a node configured with JITSI_APP_ID and
// JITSI_APP_SECRET answers join links carrying a token whose claims Jitsi's token auth checks.
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp, PROD_DIST_DIR, startNode, type AppNode } from "../setup/nodes";
import { createUser, type TestUser } from "../helpers/client";
import { addressFor } from "../helpers/address";
import { createMeeting } from "../helpers/meetings";

const SECRET = "jitsi-app-secret-for-tests-0123456789";
const BASE = "https://meet.school.example";

let node: AppNode | undefined;
beforeAll(async () => {
  // A node of its own (same database): the suite's shared server runs with plain links.
  buildApp();
  node = await startNode({
    databaseUrl: inject("databaseUrl"),
    mode: "prod",
    distDir: PROD_DIST_DIR,
    env: { DATA_DIR: inject("dataDir"), JITSI_BASE_URL: BASE, JITSI_APP_ID: "mem2gether-school", JITSI_APP_SECRET: SECRET },
  });
}, 400_000);
afterAll(async () => {
  await node?.stop();
});

async function call(user: TestUser, path: string, method = "GET") {
  const res = await fetch(`${node!.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}`, "x-forwarded-for": addressFor(user.token) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function claimsOf(link: string) {
  const url = new URL(link);
  const token = url.searchParams.get("jwt");
  expect(token).toBeTruthy();
  const { payload, protectedHeader } = await jwtVerify(token!, new TextEncoder().encode(SECRET), {
    audience: "jitsi",
    issuer: "mem2gether-school",
  });
  return { url, payload: payload as Record<string, any>, protectedHeader };
}

describe("meetings: Jitsi JWT links", () => {
  it("gives the owner a moderator token and an invitee a participant token, valid past the planned end", async () => {
    const teacher = await createUser({ role: "instructor", name: "Ada Teacher" });
    const student = await createUser({ name: "Sam Student" });
    const scheduled = new Date(Date.now() + 10 * 60_000);
    const meeting = await createMeeting(teacher, [student], { scheduled_date: scheduled.toISOString(), duration: 90 });
    expect((await call(teacher, `/api/meetings/${meeting.id}/start/`, "POST")).status).toBe(200);

    const room = `Mem2gether-${meeting.meeting_id}`;
    const owner = await call(teacher, `/api/meetings/${meeting.id}/join/`, "POST");
    expect(owner.status).toBe(200);
    const mine = await claimsOf(owner.body.meeting_link);
    expect(`${mine.url.origin}${mine.url.pathname}`).toBe(`${BASE}/${room}`);
    expect(mine.protectedHeader.alg).toBe("HS256");
    expect(mine.payload).toMatchObject({ aud: "jitsi", iss: "mem2gether-school", sub: "meet.school.example", room });
    expect(mine.payload.context.user).toMatchObject({ id: teacher.id, name: "Ada Teacher", email: teacher.email, moderator: true });
    const plannedEnd = Math.floor(scheduled.getTime() / 1000) + 90 * 60;
    expect(mine.payload.exp).toBeGreaterThanOrEqual(plannedEnd);

    const invitee = await call(student, `/api/meetings/${meeting.id}/join/`, "POST");
    expect(invitee.status).toBe(200);
    const theirs = await claimsOf(invitee.body.meeting_link);
    expect(theirs.payload.room).toBe(room);
    expect(theirs.payload.context.user).toMatchObject({ id: student.id, name: "Sam Student", email: student.email, moderator: false });
    expect(theirs.payload.exp).toBeGreaterThanOrEqual(plannedEnd);

    // Signed with the secret: another key does not verify it.
    await expect(
      jwtVerify(new URL(invitee.body.meeting_link).searchParams.get("jwt")!, new TextEncoder().encode("another-secret-0123456789")),
    ).rejects.toThrow();
    // Views and lists keep the plain link: a token only goes to the person joining.
    expect(invitee.body.meeting.meeting_link).toBe(`${BASE}/${room}`);
    const details = await call(student, `/api/meetings/${meeting.id}/`);
    expect(details.body.meeting.meeting_link).toBe(`${BASE}/${room}`);
  });

  it("gives a breakout group's call its own room in the token, the owner as moderator", async () => {
    const teacher = await createUser({ role: "instructor", name: "Ada Teacher" });
    const student = await createUser({ name: "Sam Student" });
    const meeting = await createMeeting(teacher, [student]);
    expect((await call(teacher, `/api/meetings/${meeting.id}/start/`, "POST")).status).toBe(200);
    const res = await fetch(`${node!.baseUrl}/api/meetings/${meeting.id}/breakouts`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${teacher.token}`,
        "x-forwarded-for": addressFor(teacher.token),
        "content-type": "application/json",
      },
      body: JSON.stringify({ count: 1, assign: "random" }),
    });
    expect(res.status).toBe(200);
    const group = ((await res.json()) as { breakouts: { id: string; meeting_link: string }[] }).breakouts[0]!;
    const room = group.meeting_link.split("/").at(-1)!;
    expect(room).toMatch(new RegExp(`^Mem2gether-${meeting.meeting_id}-[a-z0-9]{6}$`));
    expect(group.meeting_link).toBe(`${BASE}/${room}`);

    const theirs = await call(student, `/api/meetings/${meeting.id}/breakouts/${group.id}/join`, "POST");
    expect(theirs.status).toBe(200);
    const claims = await claimsOf(theirs.body.meeting_link);
    expect(`${claims.url.origin}${claims.url.pathname}`).toBe(`${BASE}/${room}`);
    expect(claims.payload).toMatchObject({ aud: "jitsi", iss: "mem2gether-school", sub: "meet.school.example", room });
    expect(claims.payload.context.user).toMatchObject({ id: student.id, moderator: false });
    const owner = await claimsOf((await call(teacher, `/api/meetings/${meeting.id}/breakouts/${group.id}/join`, "POST")).body.meeting_link);
    expect(owner.payload.room).toBe(room);
    expect(owner.payload.context.user).toMatchObject({ id: teacher.id, moderator: true });
  });
});
