"use client";

import { useState } from "react";
import type { Me } from "@/lib/accounts/schemas";
import { useT } from "@/lib/i18n/client";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";
import { Dropdown, DropdownButton, DropdownLink, DropdownSeparator } from "@/components/ui/Dropdown";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { signOutAndLeave } from "./sign-out";
import { StatusChoices, useMyDot } from "./StatusChoices";

/** Avatar button in the desktop header: who is signed in, status, Profile, Sign out. */
export function UserMenu({ user }: { user: Me }) {
  const t = useT();
  const toast = useToast();
  const [leaving, setLeaving] = useState(false);
  const shown = useMyDot(user.id);
  return (
    <Dropdown
      // Starts with the name it shows (WCAG 2.5.3: speech users say what they see).
      label={t("nav.accountMenuFor", { name: user.name })}
      triggerClassName="flex h-11 items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm font-medium text-fg hover:bg-surface-2 sm:h-10"
      trigger={
        <>
          <Avatar user={user} size="sm" status={shown} />
          <span className="hidden max-w-36 truncate lg:inline">{user.name}</span>
          <Icon name="chevronDown" size={16} className="text-fg-subtle" />
        </>
      }
    >
      {(close) => (
        <>
          <div className="flex items-center gap-3 px-3 pt-2 pb-3">
            <Avatar user={user} size="md" />
            <div className="min-w-0">
              <p className="truncate text-sm font-semibold text-fg">{user.name}</p>
              <p className="truncate text-xs text-fg-muted">@{user.username}</p>
            </div>
            <Badge tone={user.role === "instructor" ? "accent" : "neutral"} className="ml-auto">
              {t(`roles.${user.role}`)}
            </Badge>
          </div>
          <DropdownSeparator />
          <StatusChoices onChosen={close} />
          <DropdownSeparator />
          <DropdownLink href="/profile" icon="user" onClick={close}>
            {t("nav.profile")}
          </DropdownLink>
          {user.role === "instructor" || user.is_admin ? (
            <DropdownLink href="/dashboard/webhooks" icon="webhook" onClick={close}>
              {t("nav.webhooks")}
            </DropdownLink>
          ) : null}
          {user.is_admin ? (
            <DropdownLink href="/admin" icon="shield" onClick={close} data-testid="admin-link">
              {t("admin.nav")}
            </DropdownLink>
          ) : null}
          <DropdownButton
            icon="logout"
            disabled={leaving}
            data-testid="sign-out"
            onClick={async () => {
              setLeaving(true);
              if (!(await signOutAndLeave())) {
                setLeaving(false);
                toast({ title: t("auth.signOut.failed"), tone: "error" });
              }
            }}
          >
            {leaving ? t("nav.signingOut") : t("nav.signOut")}
          </DropdownButton>
        </>
      )}
    </Dropdown>
  );
}
