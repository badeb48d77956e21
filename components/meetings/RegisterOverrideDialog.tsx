"use client";

import { useState } from "react";
import type { UserSummary } from "@/lib/accounts/schemas";
import type { ApiResult } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import {
  REGISTER_NOTE_MAX,
  REGISTER_STATUSES,
  type OverrideInput,
  type RegisterCell,
  type RegisterSession,
  type RegisterStatus,
} from "@/lib/meetings/register-schemas";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field, FormAlert, RadioCards, Textarea } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";

/**
 * Override one register cell: a status and a note; "Use the measured value" removes the override.
 * A session not held yet only takes an excuse (as the API rules).
 */
export function RegisterOverrideDialog({
  student,
  session,
  cell,
  onClose,
  onSaved,
  save,
}: {
  student: UserSummary;
  session: RegisterSession;
  cell: RegisterCell;
  onClose: () => void;
  onSaved: (cell: RegisterCell) => void;
  save: (body: OverrideInput) => Promise<ApiResult<{ cell: RegisterCell }>>;
}) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const choices: RegisterStatus[] = session.held ? [...REGISTER_STATUSES] : ["excused"];
  const [status, setStatus] = useState<RegisterStatus>(cell.status ?? choices[0]!);
  const [note, setNote] = useState(cell.note ?? "");
  const [busy, setBusy] = useState<"save" | "clear" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(body: OverrideInput, kind: "save" | "clear") {
    setBusy(kind);
    setError(null);
    const res = await save(body);
    setBusy(null);
    if (!res.ok) {
      setError(res.status === 400 ? t("register.override.failed") : apiErrorText(t, res));
      return;
    }
    toast({ title: t(kind === "save" ? "register.override.saved" : "register.override.cleared"), tone: "success" });
    onSaved(res.data.cell);
  }

  const name = student.name || student.username;
  const measured = cell.computed_status
    ? t("register.override.measured", {
        status: t(`register.status.${cell.computed_status}`),
        minutes: t("register.minutes", { count: Math.round(cell.minutes) }),
      })
    : t("register.override.measuredNotHeld");

  return (
    <Dialog
      open
      onClose={onClose}
      busy={busy !== null}
      title={t("register.override.title")}
      description={t("register.override.description", {
        student: name,
        session: `${session.title} (${formatDate(session.scheduled_date, "date")})`,
      })}
      onSubmit={() => send({ status, note: note.trim() }, "save")}
      footer={
        <>
          {cell.overridden ? (
            <Button
              type="button"
              variant="ghost"
              className="sm:mr-auto"
              loading={busy === "clear"}
              disabled={busy !== null}
              onClick={() => send({ status: null }, "clear")}
            >
              {t("register.override.clear")}
            </Button>
          ) : null}
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy !== null}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy === "save"} loadingText={t("register.override.saving")} disabled={busy !== null}>
            {t("register.override.save")}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4" data-testid="register-dialog">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <p className="rounded-lg bg-surface-2 px-3 py-2 text-sm text-fg-muted">{measured}</p>
        <RadioCards
          name="register-status"
          legend={t("register.override.status")}
          options={choices.map((s) => ({ value: s, label: t(`register.status.${s}`) }))}
          value={status}
          onChange={setStatus}
          columns={2}
        />
        <Field
          label={t("register.override.note")}
          optional
          aside={note.length > REGISTER_NOTE_MAX - 100 ? t("common.characters", { count: note.length, max: REGISTER_NOTE_MAX }) : undefined}
        >
          <Textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={REGISTER_NOTE_MAX}
            placeholder={t("register.override.notePlaceholder")}
          />
        </Field>
      </div>
    </Dialog>
  );
}
