"use client";

import { useState } from "react";
import type { ReportJson } from "@/lib/admin/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormAlert } from "@/components/ui/Field";
import { Spinner } from "@/components/ui/Spinner";
import { useToast } from "@/components/ui/Toast";
import { useAdminList } from "./use-admin-list";

/** Reported messages with their neighbours; dismiss or delete. */
export function ReportsPanel() {
  const { t } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<"open" | "resolved">("open");
  const list = useAdminList<ReportJson>(`/api/admin/reports?status=${status}`, "reports");

  async function resolve(r: ReportJson, action: "dismiss" | "delete_message") {
    const res = await apiFetch(`/api/admin/reports/${r.id}/resolve`, { body: { action } });
    if (!res.ok) return toast({ title: apiErrorText(t, res), tone: "error" });
    // Deleting settles every open report of the message: reload rather than guess.
    void list.reload();
    toast({ title: t("admin.reports.done"), tone: "success" });
  }

  return (
    <div className="flex flex-col gap-4">
      <div
        role="group"
        aria-label={t("admin.users.status")}
        className="inline-flex self-start rounded-lg border border-border bg-surface-2 p-0.5"
      >
        {(["open", "resolved"] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
            className={cx(
              "h-10 rounded-md px-4 text-sm font-medium sm:h-8",
              status === s ? "bg-surface text-fg shadow-sm" : "text-fg-muted hover:text-fg",
            )}
          >
            {t(`admin.reports.${s}`)}
          </button>
        ))}
      </div>
      {list.error ? <FormAlert>{apiErrorText(t, list.error)}</FormAlert> : null}
      {list.loading && !list.items.length ? <Spinner className="mx-auto" /> : null}
      {!list.loading && !list.items.length && !list.error ? <EmptyState icon="checkCircle" title={t("admin.reports.empty")} /> : null}
      <ul className="flex flex-col gap-4" data-testid="admin-reports">
        {list.items.map((r) => (
          <ReportCard key={r.id} report={r} onResolve={resolve} />
        ))}
      </ul>
    </div>
  );
}

function ReportCard({ report: r, onResolve }: { report: ReportJson; onResolve: (r: ReportJson, a: "dismiss" | "delete_message") => void }) {
  const { t, formatDate } = useI18n();
  const m = r.message;
  const where = !m
    ? null
    : m.kind === "channel"
      ? t("admin.reports.inChannel", { channel: m.channel ?? "" })
      : m.kind === "room"
        ? t("admin.reports.inRoom", { room: m.room_id ?? "" })
        : t("admin.reports.inDirect");
  return (
    <li className="rounded-xl border border-border bg-surface p-4 sm:p-5" data-testid="admin-report">
      <div className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
        {where ? <Badge tone="accent">{where}</Badge> : null}
        <span>{t("admin.reports.reportedBy", { name: r.reporter.name, date: formatDate(r.created_at, "dateTime") })}</span>
      </div>
      <p className="mt-2 text-sm text-fg">
        <span className="font-medium">{t("admin.reports.reason")}:</span> {r.reason}
      </p>
      {m ? (
        <ol className="mt-3 flex flex-col gap-1 rounded-lg bg-surface-2 p-3 text-sm">
          {m.context.map((line) => (
            <li
              key={line.id}
              className={cx("rounded-md px-2 py-1", line.id === m.id ? "bg-danger/10 ring-1 ring-danger/40" : "text-fg-muted")}
              aria-current={line.id === m.id ? "true" : undefined}
            >
              <span className="font-medium text-fg">{line.author.name}</span>{" "}
              <time className="text-xs text-fg-subtle" dateTime={line.created_at}>
                {formatDate(line.created_at, "time")}
              </time>
              <p className={cx("break-words whitespace-pre-wrap", line.deleted && "italic text-fg-subtle")}>
                {line.deleted ? t("admin.reports.deletedMessage") : line.content}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-3 rounded-lg bg-surface-2 p-3 text-sm text-fg-subtle italic">{t("admin.reports.gone")}</p>
      )}
      {r.status === "open" ? (
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button size="sm" variant="secondary" onClick={() => onResolve(r, "dismiss")}>
            {t("admin.reports.dismiss")}
          </Button>
          {m && !m.deleted ? (
            <Button size="sm" variant="danger" onClick={() => onResolve(r, "delete_message")}>
              {t("admin.reports.deleteMessage")}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="mt-3 text-sm text-fg-muted">
          {t(r.resolution === "dismiss" ? "admin.reports.dismissed" : "admin.reports.deletedBy", { name: r.resolved_by?.name ?? "" })}
        </p>
      )}
    </li>
  );
}
