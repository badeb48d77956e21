"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { SCOPES, type ApiTokenJson, type Scope } from "@/lib/api-tokens/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { CardBody, CardFooter } from "@/components/ui/Card";
import { Field, FormAlert, Input, Select } from "@/components/ui/Field";
import { Spinner } from "@/components/ui/Spinner";
import { useToast } from "@/components/ui/Toast";

const EXPIRIES = ["30", "90", "365", "never"] as const;

/**
 * The "Tokens" section of /profile: personal access tokens for scripts. A new token's secret is
 * shown once, here, with a copy button; the list shows names, scopes and use, never secrets.
 */
export function ApiTokens({ isAdmin }: { isAdmin: boolean }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [tokens, setTokens] = useState<ApiTokenJson[] | null>(null);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [expiry, setExpiry] = useState<(typeof EXPIRIES)[number]>("90");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ name: string; secret: string } | null>(null);

  const load = useCallback(async () => {
    const res = await apiFetch<{ api_tokens: ApiTokenJson[] }>("/api/tokens");
    if (res.ok) setTokens(res.data.api_tokens);
    else setError(apiErrorText(t, res));
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError(t("profile.tokens.nameRequired"));
    if (!scopes.length) return setError(t("profile.tokens.scopeRequired"));
    setBusy(true);
    const res = await apiFetch<{ token: string; api_token: ApiTokenJson }>("/api/tokens", {
      method: "POST",
      body: { name: name.trim(), scopes, ...(expiry === "never" ? {} : { expires_in_days: Number(expiry) }) },
    });
    setBusy(false);
    if (!res.ok) return setError(apiErrorText(t, res));
    setFresh({ name: res.data.api_token.name, secret: res.data.token });
    setTokens((list) => [res.data.api_token, ...(list ?? [])]);
    setName("");
  }

  async function revoke(token: ApiTokenJson) {
    const res = await apiFetch(`/api/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
    if (!res.ok && res.status !== 404) return toast({ tone: "error", title: apiErrorText(t, res) });
    setTokens((list) => list?.filter((x) => x.id !== token.id) ?? null);
    toast({ tone: "success", title: t("profile.tokens.revoked", { name: token.name }) });
  }

  async function copy() {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.secret);
      toast({ tone: "success", title: t("profile.tokens.copied") });
    } catch {
      /* the text stays selectable */
    }
  }

  const offered = SCOPES.filter((s) => s !== "admin" || isAdmin);

  return (
    <div data-testid="api-tokens">
      <CardBody className="flex flex-col gap-5">
        {fresh ? (
          <div className="rounded-lg border border-success/40 bg-success/10 p-4" data-testid="api-token-secret" role="status">
            <p className="text-sm font-medium text-fg">{t("profile.tokens.createdTitle", { name: fresh.name })}</p>
            <p className="mt-1 text-sm text-fg-muted">{t("profile.tokens.createdHint")}</p>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
              <code className="min-w-0 flex-1 rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs break-all text-fg select-all">
                {fresh.secret}
              </code>
              <div className="flex gap-2">
                <Button size="sm" variant="secondary" icon="check" onClick={() => void copy()}>
                  {t("profile.tokens.copy")}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setFresh(null)}>
                  {t("profile.tokens.done")}
                </Button>
              </div>
            </div>
          </div>
        ) : null}

        {tokens === null && !error ? <Spinner className="mx-auto" /> : null}
        {tokens?.length === 0 ? <p className="text-sm text-fg-muted">{t("profile.tokens.none")}</p> : null}
        {tokens?.length ? (
          <ul className="divide-y divide-border rounded-lg border border-border" aria-label={t("profile.tokens.listLabel")}>
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:gap-4" data-testid="api-token">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-fg">{token.name}</p>
                  <div className="mt-1 flex flex-wrap gap-1.5">
                    {token.scopes.map((s) => (
                      <Badge key={s} tone={s === "admin" ? "accent" : "neutral"}>
                        {s}
                      </Badge>
                    ))}
                  </div>
                  <p className="mt-1 text-xs text-fg-subtle">
                    {t("profile.tokens.created", { date: formatDate(token.created_at, "dateLong") })}
                    {" · "}
                    {token.last_used_at
                      ? t("profile.tokens.lastUsed", { date: formatDate(token.last_used_at, "dateLong") })
                      : t("profile.tokens.neverUsed")}
                    {" · "}
                    {token.expires_at
                      ? t("profile.tokens.expires", { date: formatDate(token.expires_at, "dateLong") })
                      : t("profile.tokens.noExpiry")}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="danger"
                  icon="trash"
                  onClick={() => void revoke(token)}
                  aria-label={t("profile.tokens.revokeNamed", { name: token.name })}
                >
                  {t("profile.tokens.revoke")}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </CardBody>

      <form noValidate onSubmit={create} data-testid="api-token-form">
        <CardBody className="flex flex-col gap-5 border-t border-border">
          {error ? <FormAlert>{error}</FormAlert> : null}
          <div className="grid gap-5 sm:grid-cols-[1fr_auto]">
            <Field label={t("profile.tokens.name")} hint={t("profile.tokens.nameHint")}>
              <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
            </Field>
            <Field label={t("profile.tokens.expiry")}>
              <Select value={expiry} onChange={(e) => setExpiry(e.target.value as (typeof EXPIRIES)[number])}>
                {EXPIRIES.map((x) => (
                  <option key={x} value={x}>
                    {t(`profile.tokens.expiry_${x}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-fg">{t("profile.tokens.scopes")}</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {offered.map((s) => (
                <label key={s} className="flex items-start gap-2 text-sm text-fg">
                  <input
                    type="checkbox"
                    className="mt-0.5 accent-[var(--color-accent)]"
                    checked={scopes.includes(s)}
                    onChange={(e) => setScopes((list) => (e.target.checked ? [...list, s] : list.filter((x) => x !== s)))}
                  />
                  <span>
                    <span className="font-mono text-xs">{s}</span>
                    <span className="block text-fg-muted">{t(`profile.tokens.scope.${s}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </CardBody>
        <CardFooter>
          <Button type="submit" variant="secondary" icon="plus" loading={busy} loadingText={t("profile.tokens.creating")}>
            {t("profile.tokens.create")}
          </Button>
        </CardFooter>
      </form>
    </div>
  );
}
