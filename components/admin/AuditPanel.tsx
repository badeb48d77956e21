"use client";

import type { AuditEntryJson } from "@/lib/admin/schemas";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import { adminEn } from "@/lib/i18n/messages/admin.en";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormAlert } from "@/components/ui/Field";
import { Spinner } from "@/components/ui/Spinner";
import { useAdminList } from "./use-admin-list";

type KnownAction = keyof typeof adminEn.audit.actions;
const isKnown = (a: string): a is KnownAction => a in adminEn.audit.actions;

/** The audit log, newest first, 50 at a time. */
export function AuditPanel() {
  const { t, formatDate } = useI18n();
  const list = useAdminList<AuditEntryJson>("/api/admin/audit?limit=50", "entries");

  function describe(e: AuditEntryJson): string {
    const key = e.action.replace(".", "_");
    if (!isKnown(key)) return e.action;
    const d = e.details as Record<string, string | undefined>;
    const role = (r?: string) => (r === "student" || r === "instructor" ? t(`roles.${r}`) : (r ?? ""));
    if (key === "user_role_changed") return t("admin.audit.actions.user_role_changed", { from: role(d.from), to: role(d.to) });
    return t(`admin.audit.actions.${key}`);
  }

  return (
    <div className="flex flex-col gap-4">
      {list.error ? <FormAlert>{apiErrorText(t, list.error)}</FormAlert> : null}
      {!list.loading && !list.items.length && !list.error ? <EmptyState icon="clock" title={t("admin.audit.empty")} /> : null}
      <ol className="divide-y divide-border overflow-hidden rounded-xl border border-border bg-surface" data-testid="admin-audit">
        {list.items.map((e) => {
          const target = (e.details as { username?: string }).username;
          return (
            <li key={e.id} className="flex flex-col gap-0.5 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-4">
              <time className="shrink-0 text-xs text-fg-subtle sm:w-40" dateTime={e.created_at}>
                {formatDate(e.created_at, "dateTime")}
              </time>
              <p className="min-w-0 text-sm text-fg">
                <span className="font-medium">{e.actor.name}</span> {describe(e)}
                {target ? <span className="text-fg-muted"> · @{target}</span> : null}
              </p>
            </li>
          );
        })}
      </ol>
      {list.loading ? <Spinner className="mx-auto" /> : null}
      {list.hasMore && !list.loading ? (
        <Button variant="secondary" className="self-center" onClick={() => void list.more()}>
          {t("admin.audit.more")}
        </Button>
      ) : null}
    </div>
  );
}
