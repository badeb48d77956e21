// Meeting mails (CONTRACT.md section 11) read from the real SMTP server of tests/setup/smtp.ts,
// their calendar objects parsed with ical.js: invitations, updates with a raised SEQUENCE, added
// and removed invitees, cancellations, and the reminder 15 minutes before the start (the
// per-minute job is queued by the test instead of waiting for the clock's tick).
import { describe, expect, inject, it } from "vitest";
import { api, baseUrl, createUser, type TestUser } from "../helpers/client";
import { mailsTo, waitForMails } from "../helpers/mail";
import { mailCalendar, mailsWithSubject, parseItip } from "../helpers/meeting-mail";
import { createMeeting, testDb } from "../helpers/meetings";
import { withDb } from "../helpers/seed";

const smtpDir = () => inject("smtpDir");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(fn: () => Promise<T | undefined | false | null>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

/** Waits for (at least) `count` mails to `to` whose subject starts with `prefix`. */
const subjectMails = (to: string, prefix: string, count = 1) =>
  until(async () => {
    const mails = await mailsWithSubject(smtpDir(), to, prefix);
    return mails.length >= count && mails;
  }, `${count} mail(s) "${prefix}…" to ${to}`);

/** Mail jobs still queued for `to`: none means nothing more can arrive. */
const pendingMails = (to: string) =>
  withDb(async (db) => {
    const { rows } = await db.query(
      `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'mail.send' and j.payload->>'to' = $1`,
      [to],
    );
    return rows[0].n as number;
  });

/** Waits until no mail for these addresses is queued any more; returns how many each received. */
async function settled(users: TestUser[]): Promise<number[]> {
  await until(async () => (await Promise.all(users.map((u) => pendingMails(u.email)))).every((n) => n === 0), "the queued mails");
  return Promise.all(users.map(async (u) => (await mailsTo(smtpDir(), u.email)).length));
}

const setLocale = async (user: TestUser, locale: string) =>
  expect((await api("/api/me", { method: "PATCH", token: user.token, body: { locale } })).status).toBe(200);

const put = (teacher: TestUser, id: string, body: Record<string, unknown>) =>
  api(`/api/meetings/${id}`, { method: "PUT", token: teacher.token, body });

/** The meeting's `.ics` download, parsed. */
async function downloadIcs(id: string, token: string) {
  const res = await fetch(`${baseUrl()}/api/meetings/${id}/ics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return parseItip(await res.text());
}

const minutesAhead = (n: number) => new Date(Date.now() + n * 60_000);

/** What the app writes for a date range in a locale, in UTC (the recipients' zone is unknown). */
const when = (locale: string, start: Date, end: Date) =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).formatRange(start, end)} (UTC)`;

/** Queues the reminder job now, as the per-minute tick does, and waits until it ran. */
async function reminderTick(): Promise<void> {
  const id = await withDb(async (db) => {
    const { rows } = await db.query("select (graphile_worker.add_job('meetings.send_reminders', '{}'::json)).id::text as id");
    return rows[0].id as string;
  });
  await until(
    () => withDb(async (db) => (await db.query("select 1 from graphile_worker.jobs where id = $1", [id])).rowCount === 0),
    "the reminder job",
  );
}

describe("meeting mails", () => {
  it("invites each invitee in their language with a METHOD:REQUEST calendar object, even through a failing SMTP attempt", async () => {
    const teacher = await createUser({ role: "instructor", name: "Prof Ada" });
    const en = await createUser({ name: "Ben" });
    const fr = await createUser({ name: "Zoé" });
    const flaky = await createUser({ name: "Flaky" });
    await setLocale(fr, "fr");
    // The SMTP server refuses this address once: the mail is retried, the meeting is created anyway.
    flaky.email = flaky.email.replace("@", "+smtpfail@");
    await withDb((db) => db.query("update users set email = $1 where id = $2", [flaky.email, flaky.id]));

    const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3 * 86_400_000);
    const m = await createMeeting(teacher, [en, fr, flaky], {
      title: "Graph theory, week 3",
      description: "Bring your notes; we go over trees.",
      scheduled_date: start.toISOString(),
      duration: 90,
    });
    const end = new Date(start.getTime() + 90 * 60_000);
    const page = `${inject("baseUrl")}/meetings/${m.id}/call`;

    const [mail] = await waitForMails(smtpDir(), en.email);
    expect(mail!.subject).toBe("Invitation: Graph theory, week 3");
    expect(mail!.from?.text).toContain("no-reply@mem2gether.test");
    expect(mail!.text).toContain("Hello Ben,");
    expect(mail!.text).toContain("Prof Ada invites you to a meeting on Mem2gether.");
    expect(mail!.text).toContain(`When: ${when("en", start, end)}`);
    expect(mail!.text).toContain("Times are in UTC");
    expect(mail!.text).toContain(page);
    expect(mail!.html).toContain('lang="en"');
    expect(mail!.html).toContain(`href="${page}"`);
    expect(mail!.html).toContain("#4f46e5");
    expect(mail!.html).toContain("Bring your notes; we go over trees.");

    const itip = mailCalendar(mail!);
    expect(itip).toMatchObject({
      method: "REQUEST",
      uid: m.meeting_id,
      sequence: 0,
      status: "CONFIRMED",
      summary: "Graph theory, week 3",
      url: page,
      organizer: `mailto:${teacher.email}`,
      attendees: [{ email: `mailto:${en.email}`, partstat: "NEEDS-ACTION" }],
    });
    expect(itip.start.toISOString()).toBe(start.toISOString());
    expect(itip.end.toISOString()).toBe(end.toISOString());
    expect(itip.description).toContain("Bring your notes; we go over trees.");
    // The same event as the download: same UID, same SEQUENCE.
    const file = await downloadIcs(m.id, en.token);
    expect(file).toMatchObject({ method: "PUBLISH", uid: itip.uid, sequence: itip.sequence });

    const [french] = await waitForMails(smtpDir(), fr.email);
    expect(french!.subject).toBe("Invitation : Graph theory, week 3");
    expect(french!.text).toContain("Bonjour Zoé,");
    expect(french!.text).toContain(`Date : ${when("fr", start, end)}`);
    expect(french!.text).toContain("Les heures sont en UTC");
    expect(french!.html).toContain('lang="fr"');
    expect(mailCalendar(french!)).toMatchObject({ method: "REQUEST", uid: m.meeting_id, attendees: [{ email: `mailto:${fr.email}` }] });

    const [retried] = await waitForMails(smtpDir(), flaky.email);
    expect(mailCalendar(retried!).uid).toBe(m.meeting_id);
    expect(await settled([en, fr, flaky])).toEqual([1, 1, 1]);
    expect(await mailsTo(smtpDir(), teacher.email)).toHaveLength(0);
  });

  it("mails an update with a greater SEQUENCE and the same UID; a PUT that changes nothing mails nothing", async () => {
    const teacher = await createUser({ role: "instructor" });
    const student = await createUser({ name: "Cleo" });
    const m = await createMeeting(teacher, [student]);
    const [invitation] = await waitForMails(smtpDir(), student.email);
    const first = mailCalendar(invitation!);

    // The same values again: no change, no SEQUENCE raised, no mail.
    expect((await put(teacher, m.id, { title: m.title, duration: m.duration, scheduled_date: m.scheduled_date })).status).toBe(200);
    expect((await testDb().meeting.findUniqueOrThrow({ where: { id: m.id } })).sequence).toBe(0);

    const moved = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 86_400_000); // whole minutes: iCalendar has no milliseconds
    expect((await put(teacher, m.id, { title: "Machine Learning, moved", scheduled_date: moved.toISOString() })).status).toBe(200);
    const [update] = await subjectMails(student.email, "Updated: ");
    expect(update!.subject).toBe("Updated: Machine Learning, moved");
    expect(update!.text).toContain("changed this meeting");
    const second = mailCalendar(update!);
    expect(second.method).toBe("REQUEST");
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.start.toISOString()).toBe(moved.toISOString());
    expect(second.summary).toBe("Machine Learning, moved");
    // The download agrees with the mail.
    const file = await downloadIcs(m.id, student.token);
    expect(file).toMatchObject({ uid: second.uid, sequence: second.sequence });

    expect(await settled([student])).toEqual([2]);
  });

  it("invites a student added by PUT and cancels the copy of one removed; the others hear nothing", async () => {
    const teacher = await createUser({ role: "instructor" });
    const [stays, leaves, joins] = await Promise.all([createUser(), createUser(), createUser()]);
    const m = await createMeeting(teacher, [stays, leaves]);
    await waitForMails(smtpDir(), stays.email);
    const [invitation] = await waitForMails(smtpDir(), leaves.email);
    const sequence = mailCalendar(invitation!).sequence;

    expect((await put(teacher, m.id, { student_ids: [stays.id, joins.id] })).status).toBe(200);
    const [added] = await waitForMails(smtpDir(), joins.email);
    expect(added!.subject).toBe(`Invitation: ${m.title}`);
    expect(mailCalendar(added!)).toMatchObject({
      method: "REQUEST",
      uid: m.meeting_id,
      sequence,
      attendees: [{ email: `mailto:${joins.email}` }],
    });

    const [removed] = await subjectMails(leaves.email, "No longer invited: ");
    expect(removed!.subject).toBe(`No longer invited: ${m.title}`);
    expect(removed!.html).not.toContain(`/meetings/${m.id}/call"`); // no button to a page they cannot open
    const cancel = mailCalendar(removed!);
    expect(cancel).toMatchObject({
      method: "CANCEL",
      status: "CANCELLED",
      uid: m.meeting_id,
      attendees: [{ email: `mailto:${leaves.email}` }],
    });
    expect(cancel.sequence).toBeGreaterThanOrEqual(sequence);

    expect(await settled([stays, leaves, joins])).toEqual([1, 2, 1]);
  });

  it("cancels with METHOD:CANCEL, STATUS:CANCELLED and a raised SEQUENCE, declined invitees included", async () => {
    const teacher = await createUser({ role: "instructor" });
    const [going, declined] = await Promise.all([createUser(), createUser()]);
    await setLocale(declined, "fr");
    const m = await createMeeting(teacher, [going, declined]);
    const [invitation] = await waitForMails(smtpDir(), going.email);
    await waitForMails(smtpDir(), declined.email);
    expect((await api(`/api/meetings/${m.id}/respond`, { token: declined.token, body: { action: "decline" } })).status).toBe(200);

    expect((await api(`/api/meetings/${m.id}`, { method: "DELETE", token: teacher.token })).status).toBe(200);
    const [cancelled] = await subjectMails(going.email, "Cancelled: ");
    const itip = mailCalendar(cancelled!);
    expect(itip).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: m.meeting_id });
    expect(itip.sequence).toBeGreaterThan(mailCalendar(invitation!).sequence);
    expect(cancelled!.text).toContain("cancelled this meeting");

    const [annulee] = await subjectMails(declined.email, "Annulée : ");
    expect(mailCalendar(annulee!)).toMatchObject({ method: "CANCEL", status: "CANCELLED", attendees: [{ partstat: "DECLINED" }] });
    expect(await settled([going, declined])).toEqual([2, 2]);
  });

  it("reminds the invitees who did not decline once, 15 minutes ahead, and again after a move", async () => {
    const teacher = await createUser({ role: "instructor" });
    const [en, fr, declined] = await Promise.all([createUser({ name: "Eve" }), createUser({ name: "Fanny" }), createUser()]);
    await setLocale(fr, "fr");
    // Out of the reminder's window until the decline is in (the clock's own tick may come any time).
    const created = await createMeeting(teacher, [en, fr, declined], { scheduled_date: minutesAhead(60).toISOString(), duration: 30 });
    await Promise.all([en, fr, declined].map((u) => waitForMails(smtpDir(), u.email)));
    expect((await api(`/api/meetings/${created.id}/respond`, { token: declined.token, body: { action: "decline" } })).status).toBe(200);
    const m = (await put(teacher, created.id, { scheduled_date: minutesAhead(10).toISOString() })).body.meeting;

    await reminderTick();
    const [reminder] = await subjectMails(en.email, "In ");
    expect(reminder!.subject).toMatch(new RegExp(`^In (9|10) minutes: ${m.title}$`));
    expect(reminder!.text).toMatch(/Your meeting starts in (9|10) minutes\./);
    expect(reminder!.text).toContain(`${inject("baseUrl")}/meetings/${m.id}/call`);
    expect(reminder!.attachments).toHaveLength(0);
    const [rappel] = await subjectMails(fr.email, "Dans ");
    expect(rappel!.text).toMatch(/Votre réunion commence dans (9|10) minutes\./);
    const claim = await testDb().meetingReminder.findUniqueOrThrow({ where: { meetingId: m.id } });
    expect(claim.scheduledDate.toISOString()).toBe(m.scheduled_date);

    // Another tick (or another node's) finds the meeting claimed: nothing more.
    await reminderTick();
    expect(await settled([en, fr, declined])).toEqual([3, 3, 2]); // invitation, update, reminder

    // Moved later (still within 15 minutes): an update, then a new reminder for the new start.
    expect((await put(teacher, m.id, { scheduled_date: minutesAhead(12).toISOString() })).status).toBe(200);
    await subjectMails(en.email, "Updated: ", 2);
    await reminderTick();
    await subjectMails(en.email, "In ", 2);
    expect(await settled([en, fr, declined])).toEqual([5, 5, 3]);
  });
});
