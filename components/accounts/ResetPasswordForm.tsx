"use client";

import Link from "next/link";
import { useCallback, useState, type FormEvent } from "react";
import { PasswordResetConfirmBody } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { Field, FormAlert, PasswordInput } from "@/components/ui/Field";

type Values = { password: string; confirm: string };

/** Sets a new password with the token of the reset mail's link. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useT();
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const [invalid, setInvalid] = useState(!token);
  const [notice, setNotice] = useState<string | null>(null);
  const toBody = useCallback((v: Values) => ({ token, password: v.password }), [token]);
  const extra = useCallback(
    (v: Values): Record<string, string> =>
      !v.confirm ? { confirm: t("validation.required") } : v.confirm !== v.password ? { confirm: t("validation.passwordsDontMatch") } : {},
    [t],
  );
  const form = useZodForm({ initial: { password: "", confirm: "" }, schema: PasswordResetConfirmBody, toInput: toBody, extra });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.validate();
    if (!body) return;
    setSubmitting(true);
    const res = await apiFetch("/api/auth/password-reset/confirm", { method: "POST", body });
    setSubmitting(false);
    if (res.ok) return setDone(true);
    if (res.error?.code === "INVALID_TOKEN") return setInvalid(true);
    if (res.error?.details?.password) form.setServerErrors(res.error.details);
    else setNotice(apiErrorText(t, res));
  }

  const link = "font-medium text-accent underline-offset-4 hover:underline";
  if (done) {
    return (
      <div className="flex flex-col gap-5" data-testid="reset-password-done">
        <FormAlert tone="success">{t("auth.resetPassword.done")}</FormAlert>
        <Link href="/signin" className={link}>
          {t("auth.resetPassword.signIn")}
        </Link>
      </div>
    );
  }
  if (invalid) {
    return (
      <div className="flex flex-col gap-5" data-testid="reset-password-invalid">
        <FormAlert>{t("errors.codes.INVALID_TOKEN")}</FormAlert>
        <Link href="/forgot-password" className={link}>
          {t("auth.resetPassword.askAgain")}
        </Link>
      </div>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="reset-password-form">
      {notice ? <FormAlert>{notice}</FormAlert> : null}
      <Field label={t("auth.resetPassword.password")} hint={t("auth.resetPassword.passwordHint")} error={form.errors.password}>
        <PasswordInput {...form.field("password")} autoComplete="new-password" autoFocus />
      </Field>
      <Field label={t("auth.resetPassword.confirm")} error={form.errors.confirm}>
        <PasswordInput {...form.field("confirm")} autoComplete="new-password" />
      </Field>
      <Button type="submit" size="lg" block loading={submitting} loadingText={t("auth.resetPassword.submitting")}>
        {t("auth.resetPassword.submit")}
      </Button>
    </form>
  );
}
