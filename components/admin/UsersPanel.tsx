"use client";

import { useEffect, useState } from "react";
import type { AdminUserJson } from "@/lib/admin/schemas";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useI18n } from "@/lib/i18n/client";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Dropdown, DropdownButton, DropdownSeparator } from "@/components/ui/Dropdown";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormAlert, Input, Select } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { useToast } from "@/components/ui/Toast";
import { useAdminList } from "./use-admin-list";

type Patch = { role?: "student" | "instructor"; is_admin?: boolean; deactivated?: boolean };

/** Accounts: search, filters, promote, deactivate and reactivate, send a reset mail. */
export function UsersPanel({ meId }: { meId: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [role, setRole] = useState("");
  const [status, setStatus] = useState("");
  const [confirm, setConfirm] = useState<AdminUserJson | null>(null);
  const [busy, setBusy] = useState(false);

  // Search as one types, once the typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);

  const params = new URLSearchParams({ limit: "25" });
  if (query) params.set("q", query);
  if (role) params.set("role", role);
  if (status) params.set("status", status);
  const list = useAdminList<AdminUserJson>(`/api/admin/users?${params}`, "users");

  async function change(user: AdminUserJson, patch: Patch) {
    setBusy(true);
    const res = await apiFetch<{ user: AdminUserJson }>(`/api/admin/users/${user.id}`, { method: "PATCH", body: patch });
    setBusy(false);
    setConfirm(null);
    if (!res.ok) return toast({ title: apiErrorText(t, res), tone: "error" });
    list.setItems((items) => items.map((u) => (u.id === user.id ? res.data.user : u)));
    toast({ title: t("admin.users.updated", { name: user.name }), tone: "success" });
  }

  async function sendReset(user: AdminUserJson) {
    const res = await apiFetch(`/api/admin/users/${user.id}/password-reset`, { method: "POST" });
    if (!res.ok) return toast({ title: apiErrorText(t, res), tone: "error" });
    toast({ title: t("admin.users.resetSent", { email: user.email }), tone: "success" });
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto]">
        <label className="relative block">
          <span className="sr-only">{t("admin.users.search")}</span>
          <Icon name="search" size={18} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-fg-subtle" />
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("admin.users.search")} className="pl-10" />
        </label>
        <div className="grid grid-cols-2 gap-3 sm:contents">
          <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
            {t("admin.users.role")}
            <Select value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">{t("admin.users.any")}</option>
              <option value="student">{t("roles.student")}</option>
              <option value="instructor">{t("roles.instructor")}</option>
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
            {t("admin.users.status")}
            <Select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t("admin.users.any")}</option>
              <option value="active">{t("admin.users.active")}</option>
              <option value="deactivated">{t("admin.users.deactivated")}</option>
            </Select>
          </label>
        </div>
      </div>

      {list.error ? <FormAlert>{apiErrorText(t, list.error)}</FormAlert> : null}
      {!list.loading && !list.items.length && !list.error ? <EmptyState icon="users" title={t("admin.users.empty")} /> : null}

      <ul className="divide-y divide-border overflow-hidden rounded-xl border border-border bg-surface" data-testid="admin-users">
        {list.items.map((u) => (
          <UserRow key={u.id} user={u} isMe={u.id === meId} onChange={change} onDeactivate={() => setConfirm(u)} onReset={sendReset} />
        ))}
      </ul>
      {list.loading ? <Spinner className="mx-auto" /> : null}
      {list.hasMore && !list.loading ? (
        <Button variant="secondary" className="self-center" onClick={() => void list.more()}>
          {t("admin.users.more")}
        </Button>
      ) : null}

      <ConfirmDialog
        open={!!confirm}
        busy={busy}
        onClose={() => setConfirm(null)}
        title={t("admin.users.deactivateTitle", { name: confirm?.name ?? "" })}
        description={t("admin.users.deactivateBody")}
        confirmLabel={t("admin.users.deactivate")}
        danger
        onConfirm={async () => {
          if (confirm) await change(confirm, { deactivated: true });
        }}
      />
    </div>
  );
}

function UserRow({
  user: u,
  isMe,
  onChange,
  onDeactivate,
  onReset,
}: {
  user: AdminUserJson;
  isMe: boolean;
  onChange: (u: AdminUserJson, patch: Patch) => void;
  onDeactivate: () => void;
  onReset: (u: AdminUserJson) => void;
}) {
  const { t, formatDate } = useI18n();
  return (
    <li className="flex items-start gap-3 px-4 py-3" data-testid={`admin-user-${u.username}`}>
      <Avatar user={u} size="md" />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="truncate font-medium text-fg">{u.name}</span>
          <span className="truncate text-sm text-fg-muted">@{u.username}</span>
          <Badge tone={u.role === "instructor" ? "accent" : "neutral"}>{t(`roles.${u.role}`)}</Badge>
          {u.is_admin ? <Badge tone="warning">{u.admin_by_config ? t("admin.users.adminByConfig") : t("admin.users.admin")}</Badge> : null}
          {u.deactivated_at ? (
            <Badge tone="danger" dot>
              {t("admin.users.deactivated")}
            </Badge>
          ) : null}
          {isMe ? <Badge>{t("admin.users.you")}</Badge> : null}
        </p>
        <p className="truncate text-sm text-fg-muted">{u.email}</p>
        <p className="mt-0.5 text-xs text-fg-subtle">
          {t("admin.users.joined", { date: formatDate(u.created_at, "date") })} ·{" "}
          {u.deactivated_at
            ? t("admin.users.deactivatedOn", { date: formatDate(u.deactivated_at, "dateTime") })
            : u.last_seen
              ? t("admin.users.lastSeen", { date: formatDate(u.last_seen, "dateTime") })
              : t("admin.users.neverSeen")}
        </p>
      </div>
      <Dropdown
        label={t("admin.users.actionsFor", { name: u.name })}
        triggerClassName="grid size-11 shrink-0 place-items-center rounded-lg text-fg-muted hover:bg-surface-2 hover:text-fg sm:size-10"
        trigger={<Icon name="chevronDown" size={18} />}
      >
        {(close) => {
          const act = (fn: () => void) => () => {
            close();
            fn();
          };
          return (
            <>
              {u.role === "student" ? (
                <DropdownButton icon="user" onClick={act(() => onChange(u, { role: "instructor" }))}>
                  {t("admin.users.makeInstructor")}
                </DropdownButton>
              ) : (
                <DropdownButton icon="user" onClick={act(() => onChange(u, { role: "student" }))}>
                  {t("admin.users.makeStudent")}
                </DropdownButton>
              )}
              {!u.is_admin ? (
                <DropdownButton icon="shield" onClick={act(() => onChange(u, { is_admin: true }))}>
                  {t("admin.users.makeAdmin")}
                </DropdownButton>
              ) : !u.admin_by_config && !isMe ? (
                <DropdownButton icon="shield" onClick={act(() => onChange(u, { is_admin: false }))}>
                  {t("admin.users.removeAdmin")}
                </DropdownButton>
              ) : null}
              <DropdownButton icon="lock" onClick={act(() => onReset(u))}>
                {t("admin.users.sendReset")}
              </DropdownButton>
              {isMe ? null : (
                <>
                  <DropdownSeparator />
                  {u.deactivated_at ? (
                    <DropdownButton icon="checkCircle" onClick={act(() => onChange(u, { deactivated: false }))}>
                      {t("admin.users.reactivate")}
                    </DropdownButton>
                  ) : (
                    <DropdownButton icon="warning" onClick={act(onDeactivate)}>
                      {t("admin.users.deactivate")}
                    </DropdownButton>
                  )}
                </>
              )}
            </>
          );
        }}
      </Dropdown>
    </li>
  );
}
