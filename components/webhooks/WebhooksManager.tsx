"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import type { PlainKey } from "@/lib/i18n/messages";
import { WEBHOOK_EVENTS, type DeliveryStatus, type WebhookDeliveryJson, type WebhookEvent, type WebhookJson } from "@/lib/webhooks/schemas";
import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Field, FormAlert, Input } from "@/components/ui/Field";
import { Spinner } from "@/components/ui/Spinner";
import { useToast } from "@/components/ui/Toast";

/** How often an open delivery log refreshes itself while something is still on its way. */
const LIVE_REFRESH_MS = 3000;

const EVENT_LABEL: Record<WebhookEvent, PlainKey> = {
  "meeting.started": "webhooks.event.meeting_started",
  "meeting.ended": "webhooks.event.meeting_ended",
  "attendance.ready": "webhooks.event.attendance_ready",
  "message.created": "webhooks.event.message_created",
  "room.closed": "webhooks.event.room_closed",
};

const STATUS_TONE: Record<DeliveryStatus, BadgeTone> = { pending: "warning", delivering: "accent", succeeded: "success", failed: "danger" };

/**
 * /dashboard/webhooks: add a webhook (its secret shown once, with copy), the list, deleting with a
 * confirmation, and each webhook's delivery log with a Redeliver button.
 */
export function WebhooksManager({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const [hooks, setHooks] = useState<WebhookJson[] | null>(null);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["meeting.started", "meeting.ended", "attendance.ready"]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ url: string; secret: string } | null>(null);
  const [removing, setRemoving] = useState<WebhookJson | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await apiFetch<{ webhooks: WebhookJson[] }>("/api/webhooks?limit=100");
    if (res.ok) setHooks(res.data.webhooks);
    else setError(apiErrorText(t, res));
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setUrlError(null);
    if (!url.trim()) return setUrlError(t("webhooks.create.urlRequired"));
    if (!events.length) return setError(t("webhooks.create.eventsRequired"));
    setBusy(true);
    const res = await apiFetch<{ webhook: WebhookJson; secret: string }>("/api/webhooks", {
      method: "POST",
      body: { url: url.trim(), events },
    });
    setBusy(false);
    if (!res.ok) {
      if (res.error?.code === "VALIDATION_ERROR" && res.error.details?.url) return setUrlError(t("webhooks.create.urlRefused"));
      return setError(apiErrorText(t, res));
    }
    setFresh({ url: res.data.webhook.url, secret: res.data.secret });
    setHooks((list) => [res.data.webhook, ...(list ?? [])]);
    setUrl("");
  }

  async function remove() {
    if (!removing) return;
    setRemoveBusy(true);
    const res = await apiFetch(`/api/webhooks/${encodeURIComponent(removing.id)}`, { method: "DELETE" });
    setRemoveBusy(false);
    if (!res.ok && res.status !== 404) return toast({ tone: "error", title: apiErrorText(t, res) });
    setHooks((list) => list?.filter((h) => h.id !== removing.id) ?? null);
    setRemoving(null);
    toast({ tone: "success", title: t("webhooks.remove.done") });
  }

  async function copy() {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.secret);
      toast({ tone: "success", title: t("webhooks.secret.copied") });
    } catch {
      /* the text stays selectable */
    }
  }

  return (
    <div className="flex flex-col gap-6" data-testid="webhooks">
      <Card>
        <CardHeader title={t("webhooks.create.title")} description={t("webhooks.create.description")} />
        <form noValidate onSubmit={create} data-testid="webhook-form">
          <CardBody className="flex flex-col gap-5">
            {error ? <FormAlert>{error}</FormAlert> : null}
            <Field label={t("webhooks.create.url")} hint={t("webhooks.create.urlHint")} error={urlError ?? undefined}>
              <Input
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="https://"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                maxLength={2000}
              />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-fg">{t("webhooks.create.events")}</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {WEBHOOK_EVENTS.map((ev) => (
                  <label
                    key={ev}
                    className="flex cursor-pointer items-start gap-2.5 rounded-lg border border-border p-3 text-sm text-fg transition-colors hover:bg-surface-2 has-[:checked]:border-accent/50 has-[:checked]:bg-accent-soft/40"
                  >
                    <input
                      type="checkbox"
                      className="mt-0.5 accent-[var(--color-accent)]"
                      checked={events.includes(ev)}
                      onChange={(e) => setEvents((list) => (e.target.checked ? [...list, ev] : list.filter((x) => x !== ev)))}
                    />
                    <span className="min-w-0">
                      <span className="font-mono text-xs font-medium">{ev}</span>
                      <span className="block text-fg-muted">{t(EVENT_LABEL[ev])}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          </CardBody>
          <CardFooter>
            <Button type="submit" icon="plus" loading={busy} loadingText={t("webhooks.create.submitting")}>
              {t("webhooks.create.submit")}
            </Button>
          </CardFooter>
        </form>
      </Card>

      {fresh ? (
        <div className="rounded-xl border border-success/40 bg-success/10 p-4 sm:p-5" data-testid="webhook-secret" role="status">
          <p className="text-sm font-medium text-fg">{t("webhooks.secret.title")}</p>
          <p className="mt-1 text-sm text-fg-muted">{t("webhooks.secret.hint")}</p>
          <p className="mt-2 truncate font-mono text-xs text-fg-subtle">{fresh.url}</p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code className="min-w-0 flex-1 rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs break-all text-fg select-all">
              {fresh.secret}
            </code>
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" icon="check" onClick={() => void copy()}>
                {t("webhooks.secret.copy")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setFresh(null)}>
                {t("webhooks.secret.done")}
              </Button>
            </div>
          </div>
        </div>
      ) : null}

      <section aria-labelledby="webhooks-list" className="flex flex-col gap-3">
        <h2 id="webhooks-list" className="text-base font-semibold text-fg">
          {isAdmin ? t("webhooks.list.titleAdmin") : t("webhooks.list.title")}
        </h2>
        {hooks === null && !error ? <Spinner className="mx-auto" /> : null}
        {hooks?.length === 0 ? <p className="text-sm text-fg-muted">{t("webhooks.list.none")}</p> : null}
        {hooks?.map((hook) => (
          <WebhookCard key={hook.id} hook={hook} onDelete={() => setRemoving(hook)} />
        ))}
      </section>

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t("webhooks.remove.title")}
        description={removing ? t("webhooks.remove.body", { url: removing.url }) : undefined}
        confirmLabel={t("webhooks.remove.confirm")}
        confirmingLabel={t("webhooks.remove.confirming")}
        danger
        busy={removeBusy}
        onConfirm={remove}
      />
    </div>
  );
}

function WebhookCard({ hook, onDelete }: { hook: WebhookJson; onDelete: () => void }) {
  const { t, formatDate } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Card as="article" data-testid="webhook">
      <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:gap-4 sm:p-5">
        <div className="min-w-0 flex-1">
          <p className="truncate font-mono text-sm font-medium text-fg" title={hook.url}>
            {hook.url}
          </p>
          <div className="mt-2 flex flex-wrap gap-1.5">
            {hook.events.map((ev) => (
              <Badge key={ev}>
                <span className="font-mono">{ev}</span>
              </Badge>
            ))}
          </div>
          <p className="mt-2 text-xs text-fg-subtle">
            {t("webhooks.list.created", { date: formatDate(hook.created_at, "dateLong") })}
            {" · "}
            {t("webhooks.list.secretHint", { hint: hook.secret_hint })}
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button
            size="sm"
            variant="secondary"
            icon={open ? "chevronDown" : "chevronRight"}
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t("webhooks.list.hideDeliveries") : t("webhooks.list.deliveries")}
          </Button>
          <Button size="sm" variant="danger" icon="trash" onClick={onDelete} aria-label={t("webhooks.list.deleteNamed", { url: hook.url })}>
            {t("webhooks.list.delete")}
          </Button>
        </div>
      </div>
      {open ? <DeliveryLog hook={hook} /> : null}
    </Card>
  );
}

function DeliveryLog({ hook }: { hook: WebhookJson }) {
  const { t, plural, formatDate, formatRelative } = useI18n();
  const toast = useToast();
  const [rows, setRows] = useState<WebhookDeliveryJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await apiFetch<{ deliveries: WebhookDeliveryJson[] }>(`/api/webhooks/${encodeURIComponent(hook.id)}/deliveries?limit=50`);
    if (res.ok) {
      setRows(res.data.deliveries);
      setError(null);
    } else setError(apiErrorText(t, res));
  }, [hook.id, t]);
  useEffect(() => {
    void load();
  }, [load]);
  // While anything is on its way (or the log is empty, awaiting the first event), follow it.
  const unsettled = rows === null || rows.length === 0 || rows.some((r) => r.status === "pending" || r.status === "delivering");
  useEffect(() => {
    if (!unsettled) return;
    const timer = setInterval(() => void load(), LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [unsettled, load]);

  async function redeliver(row: WebhookDeliveryJson) {
    const res = await apiFetch<{ delivery: WebhookDeliveryJson }>(
      `/api/webhooks/${encodeURIComponent(hook.id)}/deliveries/${encodeURIComponent(row.id)}/redeliver`,
      { method: "POST" },
    );
    if (!res.ok) return toast({ tone: "error", title: apiErrorText(t, res) });
    setRows((list) => list?.map((r) => (r.id === row.id ? res.data.delivery : r)) ?? null);
    toast({ tone: "success", title: t("webhooks.log.redelivered") });
  }

  return (
    <div className="rounded-b-xl border-t border-border bg-surface-2/40 px-4 pt-2 pb-1 sm:px-5" data-testid="webhook-deliveries">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{t("webhooks.list.deliveries")}</h3>
        <Button size="sm" variant="ghost" icon="refresh" onClick={() => void load()}>
          {t("webhooks.log.refresh")}
        </Button>
      </div>
      {error ? <FormAlert>{error}</FormAlert> : null}
      {rows === null && !error ? <Spinner className="mx-auto my-3" /> : null}
      {rows?.length === 0 ? <p className="pb-2 text-sm text-fg-muted">{t("webhooks.log.none")}</p> : null}
      {rows?.length ? (
        <ul className="divide-y divide-border" aria-label={t("webhooks.log.label", { url: hook.url })}>
          {rows.map((row) => (
            <li key={row.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="webhook-delivery">
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={STATUS_TONE[row.status]} dot>
                    {t(`webhooks.log.status.${row.status}`)}
                  </Badge>
                  <span className="font-mono text-xs font-medium text-fg">{row.event}</span>
                </div>
                <p className="mt-1 text-xs text-fg-subtle">
                  <time dateTime={row.created_at} title={formatDate(row.created_at, "dateTime")}>
                    {formatRelative(row.created_at)}
                  </time>
                  {" · "}
                  {plural("webhooks.log.attempts", row.attempts)}
                  {row.last_response_status !== null ? ` · ${t("webhooks.log.response", { status: row.last_response_status })}` : null}
                  {row.last_error && row.last_response_status === null ? ` · ${row.last_error}` : null}
                  {row.next_attempt_at && row.status === "pending"
                    ? ` · ${t("webhooks.log.next", { date: formatDate(row.next_attempt_at, "time") })}`
                    : null}
                </p>
                <p className="mt-0.5 truncate font-mono text-[11px] text-fg-subtle">{row.id}</p>
              </div>
              <Button size="sm" variant="secondary" icon="send" disabled={row.status === "delivering"} onClick={() => void redeliver(row)}>
                {t("webhooks.log.redeliver")}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
