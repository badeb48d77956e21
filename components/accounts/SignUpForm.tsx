"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useCallback, useState, type FormEvent } from "react";
import { RegisterBody } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { Field, FormAlert, Input, PasswordInput, RadioCards } from "@/components/ui/Field";
import { flashToast } from "@/components/ui/Toast";

type Role = "student" | "instructor";
type Values = { email: string; username: string; name: string; password: string; role: Role; instructor_code: string };

/** Form strings -> the register body: empty optional fields are left out. */
function toBody(v: Values) {
  return {
    email: v.email,
    username: v.username,
    password: v.password,
    role: v.role,
    ...(v.name.trim() ? { name: v.name } : {}),
    ...(v.role === "instructor" && v.instructor_code.trim() ? { instructor_code: v.instructor_code.trim() } : {}),
  };
}

/** Creates the account (POST /api/auth/register), then signs in with it right away. */
export function SignUpForm({ callbackUrl, instructorCodeRequired }: { callbackUrl: string; instructorCodeRequired: boolean }) {
  const t = useT();
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const extra = useCallback(
    (v: Values): Record<string, string> =>
      instructorCodeRequired && v.role === "instructor" && !v.instructor_code.trim() ? { instructor_code: t("validation.required") } : {},
    [instructorCodeRequired, t],
  );
  const form = useZodForm({
    initial: { email: "", username: "", name: "", password: "", role: "student", instructor_code: "" } as Values,
    schema: RegisterBody,
    toInput: toBody,
    extra,
  });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.validate();
    if (!body) {
      setNotice(t("validation.fixErrors"));
      return;
    }
    setSubmitting(true);
    const res = await apiFetch<{ user: { name: string } }>("/api/auth/register", { method: "POST", body });
    if (!res.ok) {
      setSubmitting(false);
      if (res.error?.details) {
        form.setServerErrors(res.error.details);
        setNotice(t("validation.fixErrors"));
      } else {
        setNotice(res.network ? t("errors.network") : res.status === 429 ? t("errors.rateLimited") : t("errors.generic"));
      }
      return;
    }
    const signedIn = await signIn("credentials", { identifier: body.username, password: body.password, redirect: false }).catch(() => null);
    if (!signedIn?.ok || signedIn.error) {
      // The account exists; only the automatic sign-in failed: the sign-in page says so.
      router.replace(`/signin?created=1&callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    flashToast({ title: t("auth.signUp.welcome", { name: res.data.user.name }), tone: "success" });
    window.location.assign(callbackUrl); // a full load: the whole shell starts over signed in
  }

  const isInstructor = form.values.role === "instructor";
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="signup-form">
      {/* "Correct the fields" goes away with the last field error. */}
      {notice && (notice !== t("validation.fixErrors") || Object.keys(form.errors).length > 0) ? <FormAlert>{notice}</FormAlert> : null}
      <Field label={t("auth.signUp.email")} error={form.errors.email}>
        <Input {...form.field("email")} type="email" autoComplete="email" autoCapitalize="none" spellCheck={false} autoFocus />
      </Field>
      <Field label={t("auth.signUp.username")} hint={t("auth.signUp.usernameHint")} error={form.errors.username}>
        <Input {...form.field("username")} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={32} />
      </Field>
      <Field label={t("auth.signUp.name")} hint={t("auth.signUp.nameHint")} error={form.errors.name} optional>
        <Input {...form.field("name")} autoComplete="name" maxLength={80} />
      </Field>
      <Field label={t("auth.signUp.password")} hint={t("auth.signUp.passwordHint")} error={form.errors.password}>
        <PasswordInput {...form.field("password")} autoComplete="new-password" />
      </Field>
      <RadioCards<Role>
        name="role"
        legend={t("auth.signUp.role")}
        value={form.values.role}
        onChange={(role) => form.setValue("role", role)}
        error={form.errors.role}
        options={[
          { value: "student", label: t("roles.student"), description: t("auth.signUp.studentHint") },
          { value: "instructor", label: t("roles.instructor"), description: t("auth.signUp.instructorHint") },
        ]}
      />
      {isInstructor && instructorCodeRequired ? (
        <Field label={t("auth.signUp.instructorCode")} hint={t("auth.signUp.instructorCodeHint")} error={form.errors.instructor_code}>
          <Input {...form.field("instructor_code")} autoComplete="off" spellCheck={false} data-testid="instructor-code" />
        </Field>
      ) : isInstructor ? (
        // Without a school code the account starts as a student; an administrator approves on /admin.
        <FormAlert tone="info">{t("auth.signUp.instructorRequestHint")}</FormAlert>
      ) : null}
      <Button type="submit" size="lg" block loading={submitting} loadingText={t("auth.signUp.submitting")}>
        {t("auth.signUp.submit")}
      </Button>
    </form>
  );
}
