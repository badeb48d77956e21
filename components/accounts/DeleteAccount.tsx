"use client";

import { useRef, useState } from "react";
import { DeleteMeBody } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Field, FormAlert, PasswordInput } from "@/components/ui/Field";
import { flashToast } from "@/components/ui/Toast";

/** "Delete my account": a confirm dialog asking for the password, then `/` signed out. */
export function DeleteAccount() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useZodForm({ initial: { password: "" }, schema: DeleteMeBody });

  function close() {
    setOpen(false);
    setNotice(null);
    form.reset({ password: "" });
  }

  async function confirm() {
    setNotice(null);
    const body = form.validate();
    if (!body) return passwordRef.current?.focus();
    setBusy(true);
    const res = await apiFetch("/api/me", { method: "DELETE", body });
    if (!res.ok) {
      setBusy(false);
      if (res.error?.details) form.setServerErrors(res.error.details);
      else setNotice(res.network ? t("errors.network") : t("errors.generic"));
      passwordRef.current?.focus();
      return;
    }
    // The API cleared the session cookie; a full load on `/` shows the signed-out landing.
    flashToast({ title: t("profile.deleted"), tone: "success" });
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: the deleted account's state must not survive in memory
    window.location.assign("/");
  }

  return (
    <>
      <Button variant="danger" icon="trash" onClick={() => setOpen(true)} data-testid="delete-account">
        {t("profile.deleteButton")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={t("profile.deleteTitle")}
        description={t("profile.deleteBody")}
        confirmLabel={t("profile.deleteConfirm")}
        confirmingLabel={t("profile.deleting")}
        danger
        busy={busy}
        onConfirm={confirm}
        initialFocusRef={passwordRef}
      >
        <div className="flex flex-col gap-4">
          {notice ? <FormAlert>{notice}</FormAlert> : null}
          <Field label={t("profile.deletePassword")} error={form.errors.password}>
            <PasswordInput ref={passwordRef} {...form.field("password")} autoComplete="current-password" data-testid="delete-password" />
          </Field>
        </div>
      </ConfirmDialog>
    </>
  );
}
