// The meeting mails' wording and layout, and iTIP objects as a calendar parser reads them.
import { describe, expect, it } from "vitest";
import { toIcs } from "@/lib/formats/ics";
import { meetingWhen } from "@/lib/mail/meeting-templates";
import { renderMail } from "@/lib/mail/templates";
import { unfoldIcs } from "../helpers/formats";
import { parseItip } from "../helpers/meeting-mail";

const data = {
  name: "Zoé <b>",
  title: 'Exam <script>alert("x")</script>',
  description: "Line one\nLine & two",
  instructor: "Prof O'Neil",
  start: "2030-03-30T23:30:00.000Z",
  end: "2030-03-31T01:00:00.000Z",
  timeZone: null,
  url: "https://m2g.example/meetings/abc/call",
};

describe("meeting mail templates", () => {
  it("escape every value in the HTML and keep it whole in the text", () => {
    const mail = renderMail("meeting-invitation", "en", data);
    expect(mail.subject).toBe('Invitation: Exam <script>alert("x")</script>');
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Exam &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Line one<br>Line &amp; two");
    expect(mail.html).toContain("Prof O&#39;Neil");
    expect(mail.text).toContain("Hello Zoé <b>,");
    expect(mail.text).toContain("Description: Line one\nLine & two");
    expect(mail.text).toContain(`When: ${meetingWhen("en", data)}`);
    expect(mail.text).toContain("Times are in UTC");
  });

  it("write dates in the recipient's zone when it is known, else in UTC, and say which", () => {
    expect(meetingWhen("en", data)).toMatch(/\(UTC\)$/);
    expect(meetingWhen("en", data)).toContain("Saturday, March 30, 2030");
    const paris = meetingWhen("fr", { ...data, timeZone: "Europe/Paris" });
    expect(paris).toContain("dimanche 31 mars 2030"); // 01:30 in Paris (summer time began that night)
    expect(paris).toMatch(/\(Europe\/Paris\)$/);
    const mail = renderMail("meeting-reminder", "fr", { ...data, timeZone: "Europe/Paris", minutes: 15 });
    expect(mail.subject).toBe('Dans 15 minutes : Exam <script>alert("x")</script>');
    expect(mail.text).not.toContain("UTC");
    expect(mail.html).toContain('lang="fr"');
  });

  it("word a removal apart from a cancellation, with no link to a page the recipient cannot open", () => {
    const removed = renderMail("meeting-cancellation", "en", { ...data, reason: "removed" });
    const cancelled = renderMail("meeting-cancellation", "fr", { ...data, reason: "cancelled" });
    expect(removed.subject).toMatch(/^No longer invited: /);
    expect(cancelled.subject).toMatch(/^Annulée : /);
    for (const m of [removed, cancelled]) expect(m.html).not.toContain(data.url);
  });
});

describe("iTIP objects", () => {
  it("carry METHOD and ATTENDEE as ical.js reads them", () => {
    const text = toIcs({
      prodId: "-//T//T//EN",
      method: "CANCEL",
      events: [
        {
          uid: "3f0c7e1a-0000-4000-8000-000000000001",
          stamp: new Date("2030-01-01T00:00:00Z"),
          start: new Date("2030-01-02T10:00:00Z"),
          end: new Date("2030-01-02T11:30:00Z"),
          summary: "Hello, world",
          url: "https://m2g.example/meetings/x/call",
          status: "CANCELLED",
          sequence: 3,
          organizer: { name: "Prof", email: "p@x.test" },
          attendees: [{ name: 'Zoé "Z" Dupont', email: "z@x.test", partstat: "DECLINED" }],
        },
      ],
    });
    expect(unfoldIcs(text)).toContain('ATTENDEE;CN="Zoé Z Dupont";ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED:mailto:z@x.test');
    expect(parseItip(text)).toMatchObject({
      method: "CANCEL",
      uid: "3f0c7e1a-0000-4000-8000-000000000001",
      sequence: 3,
      status: "CANCELLED",
      summary: "Hello, world",
      attendees: [{ email: "mailto:z@x.test", partstat: "DECLINED" }],
    });
    expect(toIcs({ prodId: "-//T//T//EN", events: [] })).toContain("METHOD:PUBLISH");
  });
});
