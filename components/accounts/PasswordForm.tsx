"use client";

import { useCallback, useState, type FormEvent } from "react";
import { z } from "zod";
import { Password, UpdateMeBody } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { CardBody, CardFooter } from "@/components/ui/Card";
import { Field, FormAlert, PasswordInput } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";

type Values = { current_password: string; new_password: string; confirm: string };

// The API's rules (UpdateMeBody), with both passwords required here since this form only changes it.
const PasswordChange = UpdateMeBody.and(z.object({ current_password: z.string().min(1), new_password: Password }));

const toBody = (v: Values) => ({ current_password: v.current_password, new_password: v.new_password });

/**
 * Password change with the current password. The API revokes every other session and renews
 * this browser's cookie in the same answer, so the user stays signed in here.
 */
export function PasswordForm({ username }: { username: string }) {
  const t = useT();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const extra = useCallback(
    (v: Values): Record<string, string> =>
      v.confirm && v.confirm !== v.new_password
        ? { confirm: t("validation.passwordsDontMatch") }
        : !v.confirm
          ? { confirm: t("validation.required") }
          : {},
    [t],
  );
  const empty: Values = { current_password: "", new_password: "", confirm: "" };
  const form = useZodForm({ initial: empty, schema: PasswordChange, toInput: toBody, extra });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.validate();
    if (!body) return;
    setSaving(true);
    const res = await apiFetch("/api/me", { method: "PATCH", body: toBody(form.values) });
    setSaving(false);
    if (!res.ok) {
      if (res.error?.details) form.setServerErrors(res.error.details);
      else setNotice(res.network ? t("errors.network") : res.status === 401 ? t("errors.sessionExpired") : t("errors.generic"));
      return;
    }
    form.reset(empty);
    toast({ title: t("profile.passwordChanged"), tone: "success" });
  }

  return (
    <form noValidate onSubmit={onSubmit} data-testid="password-form">
      <CardBody className="flex flex-col gap-5">
        {notice ? <FormAlert>{notice}</FormAlert> : null}
        {/* A hidden username lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <Field label={t("profile.currentPassword")} error={form.errors.current_password}>
          <PasswordInput {...form.field("current_password")} autoComplete="current-password" />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={t("profile.newPassword")} hint={t("profile.newPasswordHint")} error={form.errors.new_password}>
            <PasswordInput {...form.field("new_password")} autoComplete="new-password" />
          </Field>
          <Field label={t("profile.confirmPassword")} error={form.errors.confirm}>
            <PasswordInput {...form.field("confirm")} autoComplete="new-password" />
          </Field>
        </div>
      </CardBody>
      <CardFooter>
        <Button type="submit" variant="secondary" icon="lock" loading={saving} loadingText={t("profile.changingPassword")}>
          {t("profile.changePassword")}
        </Button>
      </CardFooter>
    </form>
  );
}
