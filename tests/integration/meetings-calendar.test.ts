// Calendar subscription by secret address (CONTRACT.md section 11): the feed answers without any
// other credential, follows the user's meetings (cancelled ones marked), and a new address stops
// the previous one.
import { describe, expect, it } from "vitest";
import { api, baseUrl, createUser } from "../helpers/client";
import { createMeeting } from "../helpers/meetings";
import { withDb } from "../helpers/seed";

const feedPath = (url: string) => new URL(url).pathname;

describe("calendar subscription", () => {
  it("answers the user's meetings by secret address alone; a new address stops the old one", async () => {
    const teacher = await createUser({ role: "instructor" });
    const [student, outsider] = await Promise.all([createUser(), createUser()]);
    const invited = await createMeeting(teacher, [student], { title: "Statistics review" });
    const other = await createMeeting(teacher, [outsider], { title: "Not for this student" });

    const link = await api("/api/meetings/my/calendar-link", { method: "POST", token: student.token });
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(new RegExp(`^${baseUrl()}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const path = feedPath(link.body.url);
    const secret = path.split("/").at(-1)!.slice(0, -4);
    const rows = await withDb((db) => db.query("select secret_hash from calendar_links where user_id = $1", [student.id]));
    expect(rows.rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.rows[0].secret_hash).not.toBe(secret);

    // No credential at all: the address is the credential.
    const feed = await fetch(`${baseUrl()}${path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(feed.headers.get("cache-control")).toBe("private, no-store");
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`UID:${invited.meeting_id}`);
    expect(ics).toContain("SUMMARY:Statistics review");
    expect(ics).not.toContain(other.meeting_id);

    // A cancelled meeting stays, marked, so subscribed calendars remove it.
    expect((await api(`/api/meetings/${invited.id}`, { method: "DELETE", token: teacher.token })).status).toBe(200);
    const after = await (await fetch(`${baseUrl()}${path}`)).text();
    expect(after).toContain(`UID:${invited.meeting_id}`);
    expect(after).toContain("STATUS:CANCELLED");

    // The instructor's feed has both of theirs.
    const teacherLink = await api("/api/meetings/my/calendar-link", { method: "POST", token: teacher.token });
    const teacherIcs = await (await fetch(`${baseUrl()}${feedPath(teacherLink.body.url)}`)).text();
    expect(teacherIcs).toContain(`UID:${invited.meeting_id}`);
    expect(teacherIcs).toContain(`UID:${other.meeting_id}`);

    // Rotating: the old address answers 404 (the contract's JSON), the new one works.
    const rotated = await api("/api/meetings/my/calendar-link", { method: "POST", token: student.token });
    expect(rotated.body.url).not.toBe(link.body.url);
    const old = await api(path);
    expect(old.status).toBe(404);
    expect(old.body).toMatchObject({ success: false, code: "NOT_FOUND" });
    expect((await fetch(`${baseUrl()}${feedPath(rotated.body.url)}`)).status).toBe(200);
  });

  it("refuses unknown and malformed addresses with 404, and the link without a session with 401", async () => {
    for (const file of ["nothing.ics", `${"A".repeat(43)}.ics`, "%2e%2e.ics", "x".repeat(90)]) {
      const res = await api(`/api/calendar/${file}`);
      expect(res.status, file).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    expect((await api("/api/meetings/my/calendar-link", { method: "POST" })).status).toBe(401);
  });
});
