"use client";

import type { AdminUserJson } from "@/lib/admin/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormAlert } from "@/components/ui/Field";
import { Spinner } from "@/components/ui/Spinner";
import { useToast } from "@/components/ui/Toast";
import { useAdminList } from "./use-admin-list";

/** Pending instructor requests (sign-ups as instructor without a school code). */
export function RequestsPanel() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const list = useAdminList<AdminUserJson>("/api/admin/users?request=instructor&limit=100", "users");

  async function decide(u: AdminUserJson, action: "approve" | "decline") {
    const res = await apiFetch(`/api/admin/users/${u.id}/instructor-request`, { body: { action } });
    if (!res.ok) return toast({ title: apiErrorText(t, res), tone: "error" });
    list.setItems((items) => items.filter((x) => x.id !== u.id));
    toast({ title: t(action === "approve" ? "admin.requests.approved" : "admin.requests.declined", { name: u.name }), tone: "success" });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-fg-muted">{t("admin.requests.intro")}</p>
      {list.error ? <FormAlert>{apiErrorText(t, list.error)}</FormAlert> : null}
      {list.loading ? <Spinner className="mx-auto" /> : null}
      {!list.loading && !list.items.length && !list.error ? <EmptyState icon="checkCircle" title={t("admin.requests.empty")} /> : null}
      {list.items.length ? (
        <ul className="divide-y divide-border overflow-hidden rounded-xl border border-border bg-surface">
          {list.items.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid={`request-${u.username}`}>
              <Avatar user={u} size="md" />
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium text-fg">
                  {u.name} <span className="text-sm font-normal text-fg-muted">@{u.username}</span>
                </p>
                <p className="truncate text-sm text-fg-muted">{u.email}</p>
                <p className="text-xs text-fg-subtle">
                  {t("admin.requests.requested", { date: formatDate(u.instructor_requested_at!, "dateTime") })}
                </p>
              </div>
              <div className="flex gap-2">
                <Button size="sm" variant="secondary" onClick={() => void decide(u, "decline")}>
                  {t("admin.requests.decline")}
                </Button>
                <Button size="sm" onClick={() => void decide(u, "approve")}>
                  {t("admin.requests.approve")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
