import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale, TIME_ZONE_COOKIE, validTimeZone, type Locale } from "./config";
import { createI18n, type I18n } from "./translate";

/** The signed-in user's saved locale, else the m2g-locale cookie, else Accept-Language, else English. */
export const getLocale = cache(async (): Promise<Locale> => {
  const user = await getCurrentUser();
  if (user?.locale && isLocale(user.locale)) return user.locale;
  const jar = await cookies();
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
});

/** The browser's time zone as reported by the client provider (undefined on a first visit). */
export const getTimeZone = cache(async (): Promise<string | undefined> => {
  const jar = await cookies();
  const raw = jar.get(TIME_ZONE_COOKIE)?.value;
  return validTimeZone(raw ? decodeURIComponent(raw) : undefined);
});

/**
 * Translations and formatters for server components: `const { t, formatDate } = await getI18n()`.
 * Before the browser reported its zone (a first visit), dates are in UTC, named, on both sides:
 * the server's own zone would differ from the browser's and break hydration. The client provider
 * then reports the browser's zone for the next requests.
 */
export const getI18n = cache(async (): Promise<I18n> => createI18n(await getLocale(), (await getTimeZone()) ?? "UTC"));
