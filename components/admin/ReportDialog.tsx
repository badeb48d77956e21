"use client";

import { useState } from "react";
import { REPORT_REASON_MAX } from "@/lib/admin/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field, FormAlert, Textarea } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";

/**
 * "Report this message" with a reason, for campus chat and room chat messages alike: both are
 * reported at POST /api/messages/:id/report by the message's own id.
 */
export function ReportDialog({ messageId, open, onClose }: { messageId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    setReason("");
    setError(null);
    onClose();
  }

  async function submit() {
    const text = reason.trim();
    if (!text || text.length > REPORT_REASON_MAX) return setError(t("admin.report.reasonHint"));
    setBusy(true);
    const res = await apiFetch(`/api/messages/${encodeURIComponent(messageId)}/report`, { body: { reason: text } });
    setBusy(false);
    if (res.ok) {
      toast({ title: t("admin.report.sent"), tone: "success" });
      return close();
    }
    setError(res.status === 409 ? t("admin.report.already") : apiErrorText(t, res));
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={busy}
      title={t("admin.report.title")}
      description={t("admin.report.body")}
      onSubmit={() => void submit()}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={busy}>
            {t("admin.report.cancel")}
          </Button>
          <Button type="submit" variant="danger" loading={busy} loadingText={t("admin.report.submitting")}>
            {t("admin.report.submit")}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Field label={t("admin.report.reason")} hint={t("admin.report.reasonHint")}>
          <Textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            maxLength={REPORT_REASON_MAX}
            data-testid="report-reason"
          />
        </Field>
      </div>
    </Dialog>
  );
}
