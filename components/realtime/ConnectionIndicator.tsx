"use client";

import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { Spinner } from "@/components/ui/Spinner";

/** Grace period: a drop shorter than this (a quick server-side reconnect) shows nothing. */
const SHOW_AFTER_MS = 1_500;

/** A small pill at the bottom left while the live connection is being re-established. */
export function ConnectionIndicator({ reconnecting }: { reconnecting: boolean }) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!reconnecting) {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [reconnecting]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed bottom-4 left-4 z-[55]">
      {visible ? (
        <div
          className="flex animate-[toast-in_180ms_ease-out] items-center gap-2 rounded-full border border-border bg-surface px-3 py-1.5 text-xs font-medium text-fg-muted shadow-pop"
          title={t("realtime.reconnectingHint")}
          data-testid="reconnecting"
        >
          <Spinner size="sm" className="text-warning" />
          {t("realtime.reconnecting")}
        </div>
      ) : null}
    </div>
  );
}
