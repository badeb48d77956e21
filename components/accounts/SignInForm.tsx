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

type Notice = "invalid" | "rateLimited" | "deactivated" | "emailUnverified" | "passwordOff" | "failed" | "network" | null;
export type InitialNotice = "required" | "accountCreated" | "failed" | "deactivated" | "emailUnverified" | "passwordOff";

const REFUSALS: readonly InitialNotice[] = ["failed", "deactivated", "emailUnverified", "passwordOff"];

/**
 * Email or username + password (next-auth's credentials provider), and the school's identity
 * provider when configured (`school`); either may be the only way in (PASSWORD_SIGNIN=false).
 */
export function SignInForm({
  callbackUrl,
  initialNotice,
  school,
  password = true,
}: {
  callbackUrl: string;
  initialNotice?: InitialNotice;
  school?: { name: string } | null;
  password?: boolean;
}) {
  const t = useT();
  const [submitting, setSubmitting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(
    initialNotice && REFUSALS.includes(initialNotice) ? (initialNotice as Exclude<Notice, null>) : null,
  );
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

  async function onSchool() {
    setNotice(null);
    setLeaving(true);
    // A full navigation to the identity provider; its answer comes back to /api/auth/callback/oidc.
    await signIn("oidc", { callbackUrl }).catch(() => {
      setLeaving(false);
      setNotice("network");
    });
  }

  const noticeText = {
    invalid: t("auth.signIn.invalid"),
    rateLimited: t("auth.signIn.rateLimited"),
    deactivated: t("errors.codes.ACCOUNT_DEACTIVATED"),
    emailUnverified: t("errors.codes.OIDC_EMAIL_UNVERIFIED"),
    passwordOff: t("errors.codes.PASSWORD_SIGNIN_DISABLED"),
    failed: t("auth.signIn.failed"),
    network: t("errors.network"),
  };

  const alert = notice ? (
    <FormAlert>{noticeText[notice]}</FormAlert>
  ) : initialNotice === "required" ? (
    <FormAlert tone="info">{t("auth.signIn.required")}</FormAlert>
  ) : initialNotice === "accountCreated" ? (
    <FormAlert tone="success">{t("auth.signIn.accountCreated")}</FormAlert>
  ) : null;

  const schoolButton = school ? (
    <Button
      type="button"
      variant={password ? "secondary" : "primary"}
      size="lg"
      block
      icon="shield"
      loading={leaving}
      loadingText={t("auth.signIn.schoolRedirecting", { name: school.name })}
      onClick={onSchool}
      data-testid="signin-school"
      title={t("auth.signIn.withSchool", { name: school.name })}
    >
      {/* A long school name ends in an ellipsis on a phone rather than overflowing the card. */}
      <span className="min-w-0 truncate">{t("auth.signIn.withSchool", { name: school.name })}</span>
    </Button>
  ) : null;

  if (!password) {
    return (
      <div className="flex flex-col gap-5" data-testid="signin-school-only">
        {alert}
        <p className="text-sm text-fg-muted">{t("auth.signIn.schoolOnly")}</p>
        {schoolButton}
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="signin-form">
      {alert}
      {schoolButton ? (
        <>
          {schoolButton}
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-fg-muted" aria-hidden="true">
            <span className="h-px flex-1 bg-border" />
            {t("auth.signIn.or")}
            <span className="h-px flex-1 bg-border" />
          </div>
        </>
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
