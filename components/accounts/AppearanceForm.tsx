"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { applyTheme, type ThemeChoice } from "@/lib/theme/theme";
import { RadioCards } from "@/components/ui/Field";

/** System / light / dark, applied at once and kept in the theme cookie (per device). */
export function AppearanceForm({ initial }: { initial: ThemeChoice }) {
  const t = useT();
  const router = useRouter();
  const [choice, setChoice] = useState<ThemeChoice>(initial);
  return (
    <RadioCards<ThemeChoice>
      name="theme"
      legend={<span className="sr-only">{t("theme.label")}</span>}
      columns={3}
      value={choice}
      onChange={(next) => {
        setChoice(next);
        applyTheme(next);
        router.refresh();
      }}
      options={[
        { value: "system", label: t("theme.system") },
        { value: "light", label: t("theme.light") },
        { value: "dark", label: t("theme.dark") },
      ]}
    />
  );
}
