// Attendance over several join/leave cycles, the attendance report (JSON and CSV) and the
// calendar downloads.
//
// Elapsed time is simulated, not waited for: after a join, the test moves the stored `joined_at`
// minutes into the past through the database, so the server's next leave/end measures an
// interval of those minutes plus the real milliseconds between the two requests. The expected
// totals are computed from the stored timestamps, so the assertions are exact whatever the
// machine's speed. (The arithmetic itself is unit-tested with an injected clock in
// tests/unit/meetings-attendance.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createUser, type TestUser } from "../helpers/client";
import { icsEvents, parseCsv, unfoldIcs } from "../helpers/formats";
import { action, backdateJoin, createMeeting, inDays, participantRow, testDb } from "../helpers/meetings";

const secondsBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 1000);
const minutes = (s: number) => Math.round((s / 60) * 10) / 10;
const ICS_UTC = /^\d{8}T\d{6}Z$/;
const icsDate = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");

describe("attendance arithmetic over HTTP", () => {
  let prof: TestUser, zoe: TestUser, formula: TestUser, absent: TestUser, removed: TestUser;
  let m: Record<string, any>;
  let expectedZoe = 0;

  beforeAll(async () => {
    [prof, zoe, formula, absent, removed] = await Promise.all([
      createUser({ role: "instructor" }),
      createUser({ role: "student", name: 'Zoé "Z", Martin' }),
      createUser({ role: "student", name: "=2+2" }),
      createUser({ role: "student" }),
      createUser({ role: "student" }),
    ]);
    m = await createMeeting(prof, [zoe, formula, absent, removed], { title: "Cours d'été: Python, ML; 2e partie", duration: 90 });
    await action(prof, m.id, "start");
    const started = (await testDb().meeting.findUniqueOrThrow({ where: { id: m.id } })).startedAt!;
    await testDb().meeting.update({ where: { id: m.id }, data: { startedAt: new Date(started.getTime() - 60 * 60_000) } });
  });

  it("adds up several join/leave cycles", async () => {
    for (const mins of [10, 5]) {
      await action(zoe, m.id, "join");
      const joined = await backdateJoin(m.id, zoe.id, mins);
      await action(zoe, m.id, "leave");
      const row = await participantRow(m.id, zoe.id);
      expectedZoe += secondsBetween(joined.joinedAt!, row.leftAt!);
      expect(row.attendedSeconds).toBe(expectedZoe);
    }
    expect(expectedZoe).toBeGreaterThanOrEqual(15 * 60);
    const first = await participantRow(m.id, zoe.id);
    expect(first.firstJoinedAt!.getTime()).toBeLessThan(first.joinedAt!.getTime());
    const view = (await api(`/api/meetings/${m.id}`, { token: prof.token })).body.meeting;
    expect(view.participants.find((p: any) => p.student_id === zoe.id).attended_minutes).toBe(minutes(expectedZoe));
  });

  it("counts the open interval live, against the scheduled duration while the meeting runs", async () => {
    await action(zoe, m.id, "join");
    await backdateJoin(m.id, zoe.id, 7);
    await action(formula, m.id, "join");
    await backdateJoin(m.id, formula.id, 30);
    const report = await api(`/api/meetings/${m.id}/attendance/`, { token: prof.token });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ basis: "scheduled", basis_minutes: 90, meeting: { id: m.id, status: "ongoing" } });
    const row = report.body.attendance.find((r: any) => r.student_id === zoe.id);
    expect(row.in_meeting).toBe(true);
    expect(row.last_left_at).toBeNull();
    expect(row.attended_seconds).toBeGreaterThanOrEqual(expectedZoe + 7 * 60);
    expect(row.percentage).toBe(Math.round((row.attended_seconds / 5400) * 1000) / 10);
  });

  it("removing a student who joined keeps their attendance and closes their interval", async () => {
    await action(removed, m.id, "join");
    const joined = await backdateJoin(m.id, removed.id, 3);
    const put = await api(`/api/meetings/${m.id}`, {
      method: "PUT",
      token: prof.token,
      body: { student_ids: [zoe.id, formula.id, absent.id] },
    });
    expect(put.status).toBe(200);
    expect(put.body.meeting.participants.map((p: any) => p.student_id)).not.toContain(removed.id);
    const row = await participantRow(m.id, removed.id);
    expect(row.removedAt).not.toBeNull();
    expect(row.leftAt).toEqual(row.removedAt);
    expect(row.attendedSeconds).toBe(secondsBetween(joined.joinedAt!, row.leftAt!));
    expect((await api(`/api/meetings/${m.id}/join`, { method: "POST", token: removed.token })).status).toBe(403);
  });

  it("end closes open intervals at ended_at and marks who never joined absent; percentages use the actual span", async () => {
    const zoeOpen = await participantRow(m.id, zoe.id);
    const formulaOpen = await participantRow(m.id, formula.id);
    const ended = (await action(prof, m.id, "end")).body.meeting;
    const endedAt = new Date(ended.ended_at);
    expectedZoe += secondsBetween(zoeOpen.joinedAt!, endedAt);
    const expectedFormula = secondsBetween(formulaOpen.joinedAt!, endedAt);
    const zoeRow = await participantRow(m.id, zoe.id);
    expect(zoeRow.attendedSeconds).toBe(expectedZoe);
    expect(zoeRow.leftAt).toEqual(endedAt);
    expect((await participantRow(m.id, absent.id)).status).toBe("absent");
    expect((await participantRow(m.id, removed.id)).status).toBe("attended");

    // Make the actual span exactly 88 minutes.
    await testDb().meeting.update({ where: { id: m.id }, data: { startedAt: new Date(endedAt.getTime() - 88 * 60_000) } });
    const report = (await api(`/api/meetings/${m.id}/attendance`, { token: prof.token })).body;
    expect(report).toMatchObject({ basis: "actual", basis_minutes: 88, meeting: { status: "completed", ended_at: ended.ended_at } });
    const rows = Object.fromEntries(report.attendance.map((r: any) => [r.student_id, r]));
    const pct = (s: number) => Math.min(100, Math.round((s / (88 * 60)) * 1000) / 10);
    expect(rows[zoe.id]).toMatchObject({
      status: "attended",
      name: 'Zoé "Z", Martin',
      in_meeting: false,
      attended_seconds: expectedZoe,
      attended_minutes: minutes(expectedZoe),
      percentage: pct(expectedZoe),
      last_left_at: ended.ended_at,
      removed: false,
    });
    expect(Math.floor(expectedZoe / 60)).toBe(22); // 10 + 5 + 7 simulated minutes
    expect(rows[zoe.id].first_joined_at < rows[zoe.id].last_left_at).toBe(true);
    expect(rows[formula.id]).toMatchObject({ attended_seconds: expectedFormula, percentage: pct(expectedFormula) });
    expect(rows[absent.id]).toMatchObject({
      status: "absent",
      first_joined_at: null,
      last_left_at: null,
      attended_minutes: 0,
      percentage: 0,
    });
    expect(rows[removed.id]).toMatchObject({ removed: true, status: "attended" });
    expect(rows[removed.id].attended_seconds).toBeGreaterThanOrEqual(180);
    // A completed meeting no longer counts anything: a later read gives the same numbers.
    const later = (await api(`/api/meetings/${m.id}/attendance`, { token: prof.token })).body;
    expect(later.attendance).toEqual(report.attendance);
  });

  it("downloads the report as CSV that parses back to the same rows", async () => {
    const json = (await api(`/api/meetings/${m.id}/attendance`, { token: prof.token })).body;
    const res = await fetch(`${baseUrl()}/api/meetings/${m.id}/attendance/?format=csv`, {
      headers: { authorization: `Bearer ${prof.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="attendance-cours-d-ete-python-ml-2e-partie.csv"');
    const text = await res.text();
    expect(text).toContain('"Zoé ""Z"", Martin"');
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/); // CRLF only (no field here holds a line break)
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "student_id",
      "username",
      "name",
      "email",
      "status",
      "response",
      "first_joined_at",
      "last_left_at",
      "in_meeting",
      "attended_minutes",
      "percentage",
      "removed",
    ]);
    expect(rows).toHaveLength(json.attendance.length);
    for (const r of json.attendance) {
      const line = rows.find((cells) => cells[0] === r.student_id)!;
      const cell = Object.fromEntries(header!.map((h, i) => [h, line[i]]));
      expect(cell).toEqual({
        student_id: r.student_id,
        username: r.username,
        name: r.name === "=2+2" ? "'=2+2" : r.name, // formula neutralised
        email: r.student_email,
        status: r.status,
        response: r.response ?? "",
        first_joined_at: r.first_joined_at ?? "",
        last_left_at: r.last_left_at ?? "",
        in_meeting: String(r.in_meeting),
        attended_minutes: String(r.attended_minutes),
        percentage: String(r.percentage),
        removed: String(r.removed),
      });
    }
  });
});

describe("calendar downloads", () => {
  async function download(path: string, token: string) {
    const res = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { res, text: await res.text() };
  }

  it("one meeting as an RFC 5545 VEVENT: CRLF, folded at 75 octets, escaped, UTC, updated sequence", async () => {
    const prof = await createUser({ role: "instructor", name: "Prof; Dupont" });
    const student = await createUser({ role: "student" });
    const description = "Chapitre 1, 2 et 3; révisions\nApportez vos questions: « tout » est permis. ".repeat(4).trim();
    const m = await createMeeting(prof, [student], { title: "Révision: ch. 1, 2; examen", description, duration: 75 });

    const { res, text } = await download(`/api/meetings/${m.id}/ics`, student.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="meeting-revision-ch-1-2-examen.ics"');
    const physical = text.split("\r\n");
    expect(physical.at(-1)).toBe("");
    for (const line of physical) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
    expect(physical.some((l) => l.startsWith(" "))).toBe(true); // the long description was folded
    const lines = unfoldIcs(text);
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(lines).toContain("PRODID:-//Mem2gether//Meetings//EN");
    const [event, ...more] = icsEvents(text);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      UID: m.meeting_id,
      DTSTART: icsDate(m.scheduled_date),
      DTEND: icsDate(new Date(new Date(m.scheduled_date).getTime() + 75 * 60_000).toISOString()),
      SUMMARY: "Révision: ch. 1\\, 2\\; examen",
      URL: m.meeting_link,
      LOCATION: m.meeting_link,
      STATUS: "CONFIRMED",
      SEQUENCE: "0",
    });
    expect(event!.DTSTAMP).toMatch(ICS_UTC);
    const unescaped = event!.DESCRIPTION!.replace(/\\n/g, "\n").replace(/\\([\\;,])/g, "$1");
    expect(unescaped).toBe(`${description}\n\nJoin: ${m.meeting_link}`);
    expect(lines.find((l) => l.startsWith("ORGANIZER"))).toBe(`ORGANIZER;CN="Prof; Dupont":mailto:${prof.email}`);

    await api(`/api/meetings/${m.id}`, { method: "PUT", token: prof.token, body: { duration: 60 } });
    await api(`/api/meetings/${m.id}`, { method: "DELETE", token: prof.token });
    const cancelled = icsEvents((await download(`/api/meetings/${m.id}/ics/`, prof.token)).text)[0]!;
    expect(cancelled).toMatchObject({ UID: m.meeting_id, STATUS: "CANCELLED", SEQUENCE: "2" });
  });

  it("my calendar: upcoming meetings only (not cancelled, completed or declined)", async () => {
    const prof = await createUser({ role: "instructor" });
    const student = await createUser({ role: "student" });
    const upcoming = await createMeeting(prof, [student], { title: "Upcoming", scheduled_date: inDays(2) });
    const ongoing = await createMeeting(prof, [student], { title: "Ongoing" });
    await action(prof, ongoing.id, "start");
    const cancelled = await createMeeting(prof, [student], { title: "Cancelled" });
    await api(`/api/meetings/${cancelled.id}`, { method: "DELETE", token: prof.token });
    const completed = await createMeeting(prof, [student], { title: "Completed" });
    await action(prof, completed.id, "start");
    await action(prof, completed.id, "end");
    const declined = await createMeeting(prof, [student], { title: "Declined" });
    await api(`/api/meetings/${declined.id}/respond`, { token: student.token, body: { action: "decline" } });
    const dropped = await createMeeting(prof, [student], { title: "Dropped" });
    await api(`/api/meetings/${dropped.id}`, { method: "PUT", token: prof.token, body: { student_ids: [] } });

    const mine = await download("/api/meetings/my/calendar.ics", student.token);
    expect(mine.res.status).toBe(200);
    expect(mine.res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(mine.res.headers.get("content-disposition")).toBe('attachment; filename="mem2gether-meetings.ics"');
    expect(unfoldIcs(mine.text)).toContain("X-WR-CALNAME:Mem2gether meetings");
    expect(icsEvents(mine.text).map((e) => e.SUMMARY)).toEqual(["Ongoing", "Upcoming"]);
    expect(icsEvents(mine.text).map((e) => e.UID)).toEqual([ongoing.meeting_id, upcoming.meeting_id]);

    const profCal = await download("/api/meetings/my/calendar.ics/", prof.token);
    expect(
      icsEvents(profCal.text)
        .map((e) => e.SUMMARY)
        .sort(),
    ).toEqual(["Declined", "Dropped", "Ongoing", "Upcoming"]);

    const nobody = await createUser({ role: "student" });
    const empty = await download("/api/meetings/my/calendar.ics", nobody.token);
    expect(empty.res.status).toBe(200);
    expect(icsEvents(empty.text)).toEqual([]);
    expect(unfoldIcs(empty.text).at(-1)).toBe("END:VCALENDAR");
  });
});
