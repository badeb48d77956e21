"use client";

import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { TIME_ZONE_COOKIE, type Locale } from "./config";
import { createI18n, type I18n } from "./translate";

const I18nContext = createContext<I18n | null>(null);

/**
 * Gives client components the locale the server chose (see getI18n). It also reports the
 * browser's time zone in a cookie, and re-renders once if the server formatted dates in another.
 */
export function I18nProvider({ locale, timeZone, children }: { locale: Locale; timeZone: string | undefined; children: ReactNode }) {
  const value = useMemo(() => createI18n(locale, timeZone), [locale, timeZone]);
  const router = useRouter();
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserZone || browserZone === timeZone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browserZone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
    router.refresh();
  }, [timeZone, router]);
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
