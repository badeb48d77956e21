"use client";

import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { TIME_ZONE_COOKIE, type Locale } from "./config";
import { createI18n, type I18n } from "./translate";

const I18nContext = createContext<I18n | null>(null);

/**
 * Gives client components the locale and time zone the server used (see getI18n), so both format
 * alike. It reports the browser's time zone in a cookie for the next requests: no page shows a
 * date before sign-in, which is a full page load, so there is no need to re-render now.
 */
export function I18nProvider({ locale, timeZone, children }: { locale: Locale; timeZone: string | undefined; children: ReactNode }) {
  const value = useMemo(() => createI18n(locale, timeZone), [locale, timeZone]);
  useEffect(() => {
    // The page is interactive from here on; browser tests wait for this before acting.
    document.documentElement.dataset.hydrated = "true";
  }, []);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserZone || browserZone === timeZone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browserZone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  }, [timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Translations and formatters: `const { t, formatDate } = useI18n()`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

/** The translate function alone: `const t = useT(); t("nav.home")`. */
export function useT(): I18n["t"] {
  return useI18n().t;
}
