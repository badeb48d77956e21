"use client";

import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormAlert } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";

/**
 * "Subscribe": a secret feed address for a calendar app. Each request makes a new one, which
 * stops the previous (the dialog says so); the address is shown with a copy button.
 */
export function CalendarSubscription() {
  const t = useT();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function newLink() {
    setBusy(true);
    setError(null);
    const res = await apiFetch<{ url: string }>("/api/meetings/my/calendar-link", { method: "POST" });
    setBusy(false);
    if (res.ok) setUrl(res.data.url);
    else setError(apiErrorText(t, res));
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      toast({ tone: "success", title: t("meetings.subscribe.copied") });
    } catch {
      /* the address stays selectable */
    }
  }

  return (
    <>
      <Button variant="secondary" icon="calendarPlus" onClick={() => setOpen(true)} data-testid="calendar-subscribe">
        <span className="sr-only sm:not-sr-only">{t("meetings.subscribe.open")}</span>
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("meetings.subscribe.title")}
        description={t("meetings.subscribe.intro")}
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t("meetings.subscribe.close")}
            </Button>
            <Button variant={url ? "secondary" : "primary"} loading={busy} onClick={() => void newLink()}>
              {url ? t("meetings.subscribe.rotate") : t("meetings.subscribe.create")}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3" data-testid="calendar-subscription">
          {error ? <FormAlert>{error}</FormAlert> : null}
          {url ? (
            <>
              <code className="rounded-md border border-border bg-surface-2 px-3 py-2 font-mono text-xs break-all text-fg select-all">
                {url}
              </code>
              <div>
                <Button size="sm" variant="secondary" icon="check" onClick={() => void copy()}>
                  {t("meetings.subscribe.copy")}
                </Button>
              </div>
              <p className="text-sm text-fg-muted">{t("meetings.subscribe.secret")}</p>
            </>
          ) : (
            <p className="text-sm text-fg-muted">{t("meetings.subscribe.rotateWarning")}</p>
          )}
        </div>
      </Dialog>
    </>
  );
}
