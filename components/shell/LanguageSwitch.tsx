"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { apiFetch } from "@/lib/client/api";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/config";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";

/** Remember a visitor's language in the cookie the server reads (see getLocale). */
export function rememberLocale(locale: Locale | null): void {
  document.cookie = locale
    ? `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`
    : `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}

/**
 * Language picker (a native select: accessible and phone-friendly). Signed-in users get the
 * choice saved on their account, so it follows them to other devices.
 */
export function LanguageSwitch({ signedIn, className, showLabel = false }: { signedIn: boolean; className?: string; showLabel?: boolean }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [saving, setSaving] = useState(false);

  async function change(next: Locale) {
    rememberLocale(next);
    if (signedIn) {
      setSaving(true);
      const res = await apiFetch("/api/me", { method: "PATCH", body: { locale: next } });
      setSaving(false);
      if (!res.ok) toast({ title: t("language.saveFailed"), tone: "error" });
    }
    startTransition(() => router.refresh());
  }

  return (
    <div className={cx("relative flex items-center", className)}>
      <label htmlFor={id} className={showLabel ? "mr-3 text-sm font-medium text-fg" : "sr-only"}>
        {t("language.label")}
      </label>
      <Icon
        name="globe"
        size={18}
        className="pointer-events-none absolute left-2.5 text-fg-subtle"
        style={showLabel ? { display: "none" } : undefined}
      />
      <select
        id={id}
        value={locale}
        disabled={saving || pending}
        onChange={(e) => void change(e.target.value as Locale)}
        className={cx(
          "h-11 cursor-pointer appearance-none rounded-lg bg-transparent text-sm font-medium text-fg-muted hover:bg-surface-2 hover:text-fg sm:h-10",
          showLabel ? "border border-border-strong px-3" : "pr-2.5 pl-8",
        )}
        data-testid="language-switch"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {showLabel ? t(`language.${l}`) : l.toUpperCase()}
          </option>
        ))}
      </select>
    </div>
  );
}
