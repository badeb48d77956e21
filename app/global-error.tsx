"use client";

import "./globals.css";
import { useEffect, useState } from "react";
import { DEFAULT_LOCALE, negotiateLocale, type Locale } from "@/lib/i18n/config";
import { createI18n } from "@/lib/i18n/translate";

/**
 * Last resort when the root layout itself fails (the database is down...). It replaces the whole
 * document, providers included, so it picks its language from the browser.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  useEffect(() => setLocale(negotiateLocale(navigator.languages?.join(",")) ?? DEFAULT_LOCALE), []);
  const { t } = createI18n(locale);
  return (
    <html lang={locale}>
      <body className="grid min-h-dvh place-items-center p-6">
        <main className="max-w-sm text-center">
          <h1 className="text-xl font-semibold text-fg">{t("errorPage.title")}</h1>
          <p className="mt-2 text-fg-muted">{t("errorPage.body")}</p>
          <button
            type="button"
            onClick={reset}
            className="mt-6 h-11 rounded-lg bg-accent px-5 text-sm font-medium text-accent-fg hover:bg-accent-hover"
          >
            {t("errorPage.retry")}
          </button>
        </main>
      </body>
    </html>
  );
}
