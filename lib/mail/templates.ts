import "server-only";
import type { Locale } from "@/lib/i18n/config";
import type { Content } from "./content";
import { MEETING_CONTENT, type MeetingMailTemplates } from "./meeting-templates";

// Mail templates, English and French, each rendered as plain text and as HTML in the app's look
// (inline styles: mail clients drop <style> and CSS variables). The colours are the light theme's
// of app/globals.css; mail is read in the recipient's client, which picks its own dark mode.

/** Every template by name, with the data it needs. */
export interface MailTemplates extends MeetingMailTemplates {
  "password-reset": { name: string; url: string; minutes: number };
}
export type MailTemplate = keyof MailTemplates;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const COLORS = {
  bg: "#f5f6fa",
  surface: "#ffffff",
  fg: "#151821",
  muted: "#545a6b",
  border: "#e1e4ec",
  accent: "#4f46e5",
  accentFg: "#ffffff",
};
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const FOOTER: Record<Locale, string> = {
  en: "You receive this mail because of your account on Mem2gether.",
  fr: "Vous recevez ce message en raison de votre compte Mem2gether.",
};

const CONTENT: { [T in MailTemplate]: Record<Locale, (data: MailTemplates[T]) => Content> } = {
  "password-reset": {
    en: (d) => ({
      subject: "Reset your Mem2gether password",
      greeting: `Hello ${d.name},`,
      paragraphs: ["Someone asked to reset the password of your Mem2gether account. To choose a new password, open this link:"],
      action: { label: "Choose a new password", url: d.url },
      after: [
        `The link works once, for ${d.minutes} minutes. Resetting your password signs you out everywhere.`,
        "If you did not ask for this, ignore this mail: your password stays as it is.",
      ],
    }),
    fr: (d) => ({
      subject: "Réinitialisez votre mot de passe Mem2gether",
      greeting: `Bonjour ${d.name},`,
      paragraphs: [
        "Quelqu’un a demandé à réinitialiser le mot de passe de votre compte Mem2gether. Pour choisir un nouveau mot de passe, ouvrez ce lien :",
      ],
      action: { label: "Choisir un nouveau mot de passe", url: d.url },
      after: [
        `Le lien ne sert qu’une fois, pendant ${d.minutes} minutes. La réinitialisation vous déconnecte partout.`,
        "Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.",
      ],
    }),
  },
  ...MEETING_CONTENT,
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function toText(c: Content, locale: Locale): string {
  const parts = [c.greeting, ...c.paragraphs];
  // French puts a space before the colon.
  const colon = locale === "fr" ? " : " : ": ";
  if (c.details?.length) parts.push(c.details.map((d) => `${d.label}${colon}${d.value}`).join("\n"));
  if (c.action) parts.push(c.action.url);
  parts.push(...(c.after ?? []), "--", `Mem2gether · ${FOOTER[locale]}`);
  return parts.join("\n\n") + "\n";
}

function toHtml(c: Content, locale: Locale): string {
  const p = (s: string) => `<p style="margin:0 0 16px;font-size:15px;line-height:1.6;color:${COLORS.fg}">${escapeHtml(s)}</p>`;
  const small = (s: string) => `<p style="margin:0 0 12px;font-size:13px;line-height:1.5;color:${COLORS.muted}">${escapeHtml(s)}</p>`;
  const cell = `padding:6px 0;font-size:14px;line-height:1.5;vertical-align:top`;
  const details = c.details?.length
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 20px;border-top:1px solid ${COLORS.border};width:100%">` +
      c.details
        .map(
          (d) =>
            `<tr><td style="${cell};padding-right:16px;color:${COLORS.muted};white-space:nowrap">${escapeHtml(d.label)}</td>` +
            `<td style="${cell};color:${COLORS.fg}">${escapeHtml(d.value).replace(/\r?\n/g, "<br>")}</td></tr>`,
        )
        .join("") +
      `</table>`
    : "";
  const button = c.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:8px;background:${COLORS.accent}">` +
      `<a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:12px 20px;font-size:15px;font-weight:600;color:${COLORS.accentFg};text-decoration:none;border-radius:8px">${escapeHtml(c.action.label)}</a>` +
      `</td></tr></table>` +
      small(c.action.url)
    : "";
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(c.subject)}</title></head>
<body style="margin:0;padding:0;background:${COLORS.bg};font-family:${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${COLORS.bg};padding:32px 12px"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px">
<tr><td style="padding:0 4px 16px;font-size:18px;font-weight:700;color:${COLORS.accent}">Mem2gether</td></tr>
<tr><td style="background:${COLORS.surface};border:1px solid ${COLORS.border};border-radius:16px;padding:28px 28px 12px">
${p(c.greeting)}
${c.paragraphs.map(p).join("\n")}
${details}
${button}
${(c.after ?? []).map(small).join("\n")}
</td></tr>
<tr><td style="padding:16px 4px;font-size:12px;line-height:1.5;color:${COLORS.muted}">${escapeHtml(FOOTER[locale])}</td></tr>
</table></td></tr></table>
</body></html>
`;
}

export function renderMail<T extends MailTemplate>(template: T, locale: Locale, data: MailTemplates[T]): RenderedMail {
  const content = CONTENT[template][locale](data);
  return { subject: content.subject, text: toText(content, locale), html: toHtml(content, locale) };
}
