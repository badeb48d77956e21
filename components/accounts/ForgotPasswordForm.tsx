"use client";

import { useState, type FormEvent } from "react";
import { PasswordResetBody } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { Field, FormAlert, Input } from "@/components/ui/Field";

/** Asks for a reset mail. The answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const t = useT();
  const [submitting, setSubmitting] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useZodForm({ initial: { email: "" }, schema: PasswordResetBody });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.validate();
    if (!body) return;
    setSubmitting(true);
    const res = await apiFetch("/api/auth/password-reset", { method: "POST", body });
    setSubmitting(false);
    if (!res.ok) {
      if (res.error?.details) form.setServerErrors(res.error.details);
      else setNotice(apiErrorText(t, res));
      return;
    }
    setSentTo(body.email);
  }

  if (sentTo) {
    return (
      <div className="flex flex-col gap-5" data-testid="forgot-password-sent">
        <FormAlert tone="success">{t("auth.forgotPassword.sent", { email: sentTo })}</FormAlert>
        <p className="text-sm text-fg-muted">{t("auth.forgotPassword.sentHint")}</p>
        <Button type="button" variant="secondary" block onClick={() => setSentTo(null)}>
          {t("auth.forgotPassword.again")}
        </Button>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="forgot-password-form">
      {notice ? <FormAlert>{notice}</FormAlert> : null}
      <Field label={t("auth.forgotPassword.email")} error={form.errors.email}>
        <Input {...form.field("email")} type="email" autoComplete="email" autoCapitalize="none" spellCheck={false} autoFocus />
      </Field>
      <Button type="submit" size="lg" block loading={submitting} loadingText={t("auth.forgotPassword.submitting")}>
        {t("auth.forgotPassword.submit")}
      </Button>
    </form>
  );
}
