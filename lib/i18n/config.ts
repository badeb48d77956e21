// Locale settings shared by the server helper, the client provider and the language switch.
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Chosen language of a visitor (signed in or not); a signed-in user's saved `locale` wins over it. */
export const LOCALE_COOKIE = "m2g-locale";
/** The browser's IANA time zone, so server-rendered dates match what the client would show. */
export const TIME_ZONE_COOKIE = "m2g-tz";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Best supported locale for an Accept-Language header ("fr-CA,fr;q=0.9,en;q=0.8"), or null. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.base && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const r of ranked) if (isLocale(r.base)) return r.base;
  return null;
}

/** A time zone name the runtime accepts, or undefined (then the runtime's own zone is used). */
export function validTimeZone(value: string | null | undefined): string | undefined {
  if (!value || value.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
