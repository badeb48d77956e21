"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Me } from "@/lib/accounts/schemas";
import { UpdateMeBody } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { LOCALES, isLocale } from "@/lib/i18n/config";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { CardBody, CardFooter } from "@/components/ui/Card";
import { Field, FormAlert, Input, Select, Textarea } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";
import { rememberLocale } from "@/components/shell/LanguageSwitch";

const BIO_MAX = 500;

type Values = { name: string; bio: string; locale: string };

const toBody = (v: Values) => ({ name: v.name, bio: v.bio, locale: isLocale(v.locale) ? v.locale : null });

/** Name, bio and language (PATCH /api/me). Username and email are shown read-only. */
export function ProfileForm({ user }: { user: Me }) {
  const t = useT();
  const router = useRouter();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [saved, setSaved] = useState<Values>({ name: user.name, bio: user.bio, locale: user.locale ?? "" });
  const form = useZodForm({ initial: saved, schema: UpdateMeBody, toInput: toBody });
  // The header's language switch saves the account's language too: follow it (after its
  // refresh), or the next "Save changes" would put the old language back.
  const accountLocale = user.locale ?? "";
  const [seenLocale, setSeenLocale] = useState(accountLocale);
  if (accountLocale !== seenLocale) {
    setSeenLocale(accountLocale);
    if (form.values.locale === saved.locale) form.setValue("locale", accountLocale);
    setSaved({ ...saved, locale: accountLocale });
  }
  const dirty = form.values.name !== saved.name || form.values.bio !== saved.bio || form.values.locale !== saved.locale;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.validate();
    if (!body) return;
    setSaving(true);
    const res = await apiFetch<{ user: Me }>("/api/me", { method: "PATCH", body });
    setSaving(false);
    if (!res.ok) {
      if (res.error?.details) form.setServerErrors(res.error.details);
      else setNotice(res.network ? t("errors.network") : res.status === 401 ? t("errors.sessionExpired") : t("errors.generic"));
      return;
    }
    const next = { name: res.data.user.name, bio: res.data.user.bio, locale: res.data.user.locale ?? "" };
    setSaved(next);
    form.reset(next);
    const localeChanged = next.locale !== saved.locale;
    // "Automatic" also forgets the visitor cookie, so the browser's language really decides.
    if (localeChanged) rememberLocale(isLocale(next.locale) ? next.locale : null);
    toast({ title: t("profile.saved"), tone: "success" });
    router.refresh(); // header name, and the whole page in the new language if it changed
  }

  return (
    <form noValidate onSubmit={onSubmit} data-testid="profile-form">
      <CardBody className="flex flex-col gap-5">
        {notice ? <FormAlert>{notice}</FormAlert> : null}
        <Field label={t("profile.name")} error={form.errors.name}>
          <Input {...form.field("name")} autoComplete="name" maxLength={80} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={t("profile.username")} hint={t("profile.usernameHint")}>
            <Input value={`@${user.username}`} readOnly aria-readonly="true" />
          </Field>
          <Field label={t("profile.email")}>
            <Input value={user.email} readOnly aria-readonly="true" type="email" />
          </Field>
        </div>
        <Field
          label={t("profile.bio")}
          hint={t("profile.bioHint")}
          error={form.errors.bio}
          optional
          aside={t("common.characters", { count: form.values.bio.length, max: BIO_MAX })}
        >
          <Textarea {...form.field("bio")} rows={4} maxLength={BIO_MAX} placeholder={t("profile.bioPlaceholder")} />
        </Field>
        <Field label={t("profile.language")} hint={t("profile.languageHint")} error={form.errors.locale}>
          <Select {...form.field("locale")} data-testid="profile-locale">
            <option value="">{t("language.automatic")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </Select>
        </Field>
      </CardBody>
      <CardFooter>
        <Button type="submit" loading={saving} loadingText={t("common.saving")} disabled={!dirty && !saving}>
          {t("common.saveChanges")}
        </Button>
      </CardFooter>
    </form>
  );
}
