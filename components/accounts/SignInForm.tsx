"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { TokenBody } from "@/lib/accounts/schemas";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { Field, FormAlert, Input, PasswordInput } from "@/components/ui/Field";

// The API's token body takes `email` or `username`; the form has one box for either, so the
// check is the same fields with the same limits, read from the shared schema.
const SignInSchema = z.object({
  identifier: TokenBody.shape.username.unwrap().min(1),
  password: TokenBody.shape.password,
});

type Notice = "invalid" | "rateLimited" | "deactivated" | "failed" | "network" | null;

/** Email or username + password, through next-auth's credentials provider. */
export function SignInForm({
  callbackUrl,
  initialNotice,
}: {
  callbackUrl: string;
  initialNotice?: "required" | "accountCreated" | "failed";
}) {
  const t = useT();
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<Notice>(initialNotice === "failed" ? "failed" : null);
  const form = useZodForm({ initial: { identifier: "", password: "" }, schema: SignInSchema });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.validate();
    if (!body) return;
    setSubmitting(true);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn("credentials", { identifier: body.identifier, password: body.password, redirect: false });
    } catch {
      setSubmitting(false);
      setNotice("network");
      return;
    }
    if (result?.ok && !result.error) {
      // A full load: every server component (header, realtime) starts over signed in.
      window.location.assign(callbackUrl);
      return;
    }
    setSubmitting(false);
    // authorize() throws "RATE_LIMITED" (throttle) or "ACCOUNT_DEACTIVATED"; a refused password is CredentialsSignin.
    const byError: Record<string, Notice> = {
      RATE_LIMITED: "rateLimited",
      ACCOUNT_DEACTIVATED: "deactivated",
      CredentialsSignin: "invalid",
    };
    setNotice(byError[result?.error ?? ""] ?? "failed");
  }

  const noticeText = {
    invalid: t("auth.signIn.invalid"),
    rateLimited: t("auth.signIn.rateLimited"),
    deactivated: t("errors.codes.ACCOUNT_DEACTIVATED"),
    failed: t("auth.signIn.failed"),
    network: t("errors.network"),
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="signin-form">
      {notice ? (
        <FormAlert>{noticeText[notice]}</FormAlert>
      ) : initialNotice === "required" ? (
        <FormAlert tone="info">{t("auth.signIn.required")}</FormAlert>
      ) : initialNotice === "accountCreated" ? (
        <FormAlert tone="success">{t("auth.signIn.accountCreated")}</FormAlert>
      ) : null}
      <Field label={t("auth.signIn.identifier")} error={form.errors.identifier && t("validation.identifierRequired")}>
        <Input {...form.field("identifier")} autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus />
      </Field>
      <Field
        label={t("auth.signIn.password")}
        error={form.errors.password}
        aside={
          <Link href="/forgot-password" className="text-sm font-medium text-accent underline-offset-4 hover:underline">
            {t("auth.forgotPassword.link")}
          </Link>
        }
      >
        <PasswordInput {...form.field("password")} autoComplete="current-password" />
      </Field>
      <Button type="submit" size="lg" block loading={submitting} loadingText={t("auth.signIn.submitting")}>
        {t("auth.signIn.submit")}
      </Button>
    </form>
  );
}
