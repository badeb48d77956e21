"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/lib/i18n/client";
import { applyTheme, effectiveTheme } from "@/lib/theme/theme";
import { cx } from "@/lib/ui/cx";
import { Icon } from "@/components/ui/Icon";

/**
 * Flips between light and dark and remembers the choice in a cookie. The server cannot know the
 * device's theme, so both labels are rendered and CSS shows the one that applies.
 */
export function ThemeToggle({ className }: { className?: string }) {
  const t = useT();
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={() => {
        applyTheme(effectiveTheme() === "dark" ? "light" : "dark");
        router.refresh(); // server components re-render with the cookie (the <html> class stays in sync)
      }}
      className={cx("grid size-11 place-items-center rounded-lg text-fg-muted hover:bg-surface-2 hover:text-fg sm:size-10", className)}
      data-testid="theme-toggle"
    >
      <span className="contents dark:hidden">
        <Icon name="moon" size={20} />
        <span className="sr-only">{t("theme.toDark")}</span>
      </span>
      <span className="hidden dark:contents">
        <Icon name="sun" size={20} />
        <span className="sr-only">{t("theme.toLight")}</span>
      </span>
    </button>
  );
}
