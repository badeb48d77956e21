"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useT } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";

const TABS = [
  { href: "/admin", key: "users" },
  { href: "/admin/requests", key: "requests" },
  { href: "/admin/reports", key: "reports" },
  { href: "/admin/audit", key: "audit" },
] as const;

/** The sections of /admin; scrolls sideways on a phone rather than wrapping. */
export function AdminTabs() {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t("admin.title")} className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {TABS.map((tab) => {
          const active = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "-mb-px flex h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap",
                  active ? "border-accent text-fg" : "border-transparent text-fg-muted hover:text-fg",
                )}
              >
                {t(`admin.tabs.${tab.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
