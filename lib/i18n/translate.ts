// Translation and formatting for one locale; used on the server (getI18n) and in the browser
// (useI18n), so both render exactly the same text.
import type { Locale } from "./config";
import { catalogs, type Messages, type MessageKey, type PluralEntry, type PluralKey, type VarsArg, type Vars } from "./messages";

type Values = Record<string, string | number>;

function lookup(messages: Messages, key: string): unknown {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function interpolate(text: string, vars: Values | undefined, locale: Locale): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

export type Translate = <K extends MessageKey>(key: K, ...vars: VarsArg<K>) => string;
export type TranslatePlural = <K extends PluralKey>(key: K, count: number, vars?: Omit<Vars<K>, "count">) => string;

export type DateInput = Date | string | number;
export type DateStyle = "date" | "dateLong" | "weekdayDate" | "time" | "dateTime" | "weekdayDateTime";

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  dateLong: { dateStyle: "long" },
  weekdayDate: { weekday: "long", day: "numeric", month: "long" },
  time: { timeStyle: "short" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  weekdayDateTime: { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" },
};

export interface I18n {
  locale: Locale;
  timeZone: string | undefined;
  t: Translate;
  plural: TranslatePlural;
  /** A date and/or time in the locale and the viewer's time zone. */
  formatDate: (value: DateInput, style?: DateStyle) => string;
  /** "in 5 minutes", "il y a 2 jours": relative to `now`. */
  formatRelative: (value: DateInput, now?: DateInput) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
}

const toDate = (v: DateInput) => (v instanceof Date ? v : new Date(v));

export function createI18n(locale: Locale, timeZone?: string): I18n {
  const messages = catalogs[locale];
  const fallback = catalogs.en;
  const rules = new Intl.PluralRules(locale);
  const dateFormats = new Map<DateStyle, Intl.DateTimeFormat>();
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });

  const t = ((key: string, vars?: Values) => {
    const text = lookup(messages, key) ?? lookup(fallback, key);
    return typeof text === "string" ? interpolate(text, vars, locale) : key;
  }) as Translate;

  const plural = ((key: string, count: number, vars?: Values) => {
    const entry = (lookup(messages, key) ?? lookup(fallback, key)) as PluralEntry | undefined;
    if (!entry || typeof entry !== "object") return key;
    const text = entry[rules.select(count) as keyof PluralEntry] ?? entry.other;
    return interpolate(text, { ...vars, count }, locale);
  }) as TranslatePlural;

  const formatDate = (value: DateInput, style: DateStyle = "dateTime") => {
    let format = dateFormats.get(style);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone });
      dateFormats.set(style, format);
    }
    return format.format(toDate(value));
  };

  const formatRelative = (value: DateInput, now: DateInput = Date.now()) => {
    const seconds = (toDate(value).getTime() - toDate(now).getTime()) / 1000;
    const abs = Math.abs(seconds);
    const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
      abs < 45
        ? [0, "second"]
        : abs < 45 * 60
          ? [seconds / 60, "minute"]
          : abs < 22 * 3600
            ? [seconds / 3600, "hour"]
            : abs < 26 * 86400
              ? [seconds / 86400, "day"]
              : abs < 320 * 86400
                ? [seconds / (30 * 86400), "month"]
                : [seconds / (365 * 86400), "year"];
    return relative.format(Math.round(amount), unit);
  };

  const formatNumber = (value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options).format(value);

  return { locale, timeZone, t, plural, formatDate, formatRelative, formatNumber };
}
