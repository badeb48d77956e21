import type { Locale } from "@/lib/i18n/config";
import type { Content } from "./content";

// The meeting mails (lib/meetings/mail.ts queues them): invitation, update, cancellation and the
// 15-minute reminder, in English and French. Dates are written in the recipient's time zone when
// the app knows it, else in UTC, and the mail says which.

export interface MeetingMailData {
  /** The recipient's name. */
  name: string;
  title: string;
  description: string;
  /** The instructor's name. */
  instructor: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  /** The recipient's IANA time zone, or null: the dates are written in UTC. */
  timeZone: string | null;
  /** The meeting's page. */
  url: string;
}

export interface MeetingMailTemplates {
  "meeting-invitation": MeetingMailData;
  "meeting-update": MeetingMailData;
  /** `removed`: the meeting goes on without the recipient (taken off the invitee list). */
  "meeting-cancellation": MeetingMailData & { reason: "cancelled" | "removed" };
  "meeting-reminder": MeetingMailData & { minutes: number };
}

/** "Monday, December 14, 2026, 10:00 – 11:30 AM (UTC)" in the locale and the zone. */
export function meetingWhen(locale: Locale, d: Pick<MeetingMailData, "start" | "end" | "timeZone">): string {
  const zone = d.timeZone ?? "UTC";
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: zone });
  return `${format.formatRange(new Date(d.start), new Date(d.end))} (${zone})`;
}

const LABELS: Record<Locale, { title: string; when: string; instructor: string; description: string; open: string }> = {
  en: { title: "Meeting", when: "When", instructor: "Organizer", description: "Description", open: "Open the meeting" },
  fr: { title: "Réunion", when: "Date", instructor: "Organisée par", description: "Description", open: "Ouvrir la réunion" },
};

const UTC_NOTE: Record<Locale, string> = {
  en: "Times are in UTC (Coordinated Universal Time); a calendar shows them in your own time zone.",
  fr: "Les heures sont en UTC (temps universel coordonné) ; un agenda les affiche dans votre fuseau horaire.",
};

function details(locale: Locale, d: MeetingMailData) {
  const l = LABELS[locale];
  const rows = [
    { label: l.title, value: d.title },
    { label: l.when, value: meetingWhen(locale, d) },
    { label: l.instructor, value: d.instructor },
  ];
  if (d.description) rows.push({ label: l.description, value: d.description });
  return rows;
}

/** What every meeting mail shares: the greeting, the details, the notes after them. */
function meetingContent(locale: Locale, d: MeetingMailData, c: { subject: string; lead: string; open: boolean; after: string[] }): Content {
  return {
    subject: c.subject,
    greeting: locale === "fr" ? `Bonjour ${d.name},` : `Hello ${d.name},`,
    paragraphs: [c.lead],
    details: details(locale, d),
    action: c.open ? { label: LABELS[locale].open, url: d.url } : undefined,
    after: d.timeZone ? c.after : [...c.after, UTC_NOTE[locale]],
  };
}

export const MEETING_CONTENT: { [T in keyof MeetingMailTemplates]: Record<Locale, (data: MeetingMailTemplates[T]) => Content> } = {
  "meeting-invitation": {
    en: (d) =>
      meetingContent("en", d, {
        subject: `Invitation: ${d.title}`,
        lead: `${d.instructor} invites you to a meeting on Mem2gether.`,
        open: true,
        after: ["The attached calendar file (.ics) adds it to your calendar. Accept or decline the invitation on Mem2gether."],
      }),
    fr: (d) =>
      meetingContent("fr", d, {
        subject: `Invitation : ${d.title}`,
        lead: `${d.instructor} vous invite à une réunion sur Mem2gether.`,
        open: true,
        after: ["Le fichier d’agenda joint (.ics) l’ajoute à votre agenda. Acceptez ou déclinez l’invitation sur Mem2gether."],
      }),
  },
  "meeting-update": {
    en: (d) =>
      meetingContent("en", d, {
        subject: `Updated: ${d.title}`,
        lead: `${d.instructor} changed this meeting. Here it is as it stands now:`,
        open: true,
        after: ["The attached calendar file (.ics) updates the copy in your calendar."],
      }),
    fr: (d) =>
      meetingContent("fr", d, {
        subject: `Modifiée : ${d.title}`,
        lead: `${d.instructor} a modifié cette réunion. La voici telle qu’elle est maintenant :`,
        open: true,
        after: ["Le fichier d’agenda joint (.ics) met à jour la copie de votre agenda."],
      }),
  },
  "meeting-cancellation": {
    en: (d) =>
      meetingContent("en", d, {
        subject: d.reason === "cancelled" ? `Cancelled: ${d.title}` : `No longer invited: ${d.title}`,
        lead:
          d.reason === "cancelled"
            ? `${d.instructor} cancelled this meeting.`
            : `${d.instructor} took you off the invitee list of this meeting: it goes on without you.`,
        open: false,
        after: ["The attached calendar file (.ics) removes it from your calendar."],
      }),
    fr: (d) =>
      meetingContent("fr", d, {
        subject: d.reason === "cancelled" ? `Annulée : ${d.title}` : `Invitation retirée : ${d.title}`,
        lead:
          d.reason === "cancelled"
            ? `${d.instructor} a annulé cette réunion.`
            : `${d.instructor} vous a retiré de la liste des invités de cette réunion : elle aura lieu sans vous.`,
        open: false,
        after: ["Le fichier d’agenda joint (.ics) la retire de votre agenda."],
      }),
  },
  "meeting-reminder": {
    en: (d) =>
      meetingContent("en", d, {
        subject: `In ${d.minutes} minutes: ${d.title}`,
        lead: `Your meeting starts in ${d.minutes} minutes.`,
        open: true,
        after: [],
      }),
    fr: (d) =>
      meetingContent("fr", d, {
        subject: `Dans ${d.minutes} minutes : ${d.title}`,
        lead: `Votre réunion commence dans ${d.minutes} minutes.`,
        open: true,
        after: [],
      }),
  },
};
