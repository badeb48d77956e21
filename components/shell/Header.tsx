"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import type { Me } from "@/lib/accounts/schemas";
import { useI18n } from "@/lib/i18n/client";
import { useChatActivity } from "@/components/chat/ChatActivity";
import { cx } from "@/lib/ui/cx";
import { Avatar } from "@/components/ui/Avatar";
import { ButtonLink } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { LanguageSwitch } from "./LanguageSwitch";
import { Logo } from "./Logo";
import { isActive, navItems } from "./nav-items";
import { signOutAndLeave } from "./sign-out";
import { ThemeToggle } from "./ThemeToggle";
import { StatusChoices, useMyDot } from "./StatusChoices";
import { UserMenu } from "./UserMenu";

/**
 * The app header: logo, main navigation, language, theme and the account menu. Below `md` the
 * navigation, settings and the account (status included) fold into a menu button.
 */
/** `signUp`: false when accounts come only from school sign-in (PASSWORD_SIGNIN=false). */
export function Header({ user, signUp = true }: { user: Me | null; signUp?: boolean }) {
  const { t } = useI18n();
  const { badge } = useChatActivity();
  const pathname = usePathname();
  const items = navItems(user);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenuOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <header className="sticky top-0 z-40 border-b border-border bg-surface/85 backdrop-blur-md supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:px-6">
        <Link href="/" className="-ml-1 flex items-center rounded-lg px-1 py-1" aria-label={`${t("common.appName")}, ${t("nav.home")}`}>
          <Logo />
        </Link>

        {items.length ? (
          <nav aria-label={t("nav.main")} className="ml-6 hidden md:block">
            <ul className="flex items-center gap-1">
              {items.map((item) => {
                const active = isActive(pathname, item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={cx(
                        "flex h-10 items-center rounded-lg px-3 text-sm font-medium transition-colors",
                        active ? "bg-accent-soft text-accent-soft-fg" : "text-fg-muted hover:bg-surface-2 hover:text-fg",
                      )}
                    >
                      {t(item.label)}
                      {item.href === "/chat" ? <ChatBadge count={badge} /> : null}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        ) : null}

        <div className="ml-auto flex items-center gap-1">
          <LanguageSwitch signedIn={!!user} className="hidden md:flex" />
          <ThemeToggle />
          {user ? (
            <div className="hidden md:block">
              <UserMenu user={user} />
            </div>
          ) : (
            <div className="hidden items-center gap-2 pl-2 sm:flex">
              <ButtonLink href="/signin" variant="ghost" size="sm">
                {t("nav.signIn")}
              </ButtonLink>
              {signUp ? (
                <ButtonLink href="/signup" size="sm">
                  {t("nav.signUp")}
                </ButtonLink>
              ) : null}
            </div>
          )}
          <button
            type="button"
            className={cx(
              "relative grid size-11 place-items-center rounded-lg text-fg hover:bg-surface-2",
              user ? "md:hidden" : "sm:hidden",
            )}
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen((v) => !v)}
            data-testid="menu-button"
          >
            <Icon name={menuOpen ? "close" : "menu"} size={22} />
            {badge && !menuOpen ? <span className="absolute top-2 right-2 size-2.5 rounded-full bg-danger" aria-hidden /> : null}
            <span className="sr-only">{menuOpen ? t("nav.closeMenu") : t("nav.openMenu")}</span>
          </button>
        </div>
      </div>

      <MobileMenu id={menuId} open={menuOpen} user={user} pathname={pathname} signUp={signUp} onClose={() => setMenuOpen(false)} />
    </header>
  );
}

/** Who is signed in, with their status dot and the status choice (the desktop's account menu has it too). */
function MobileAccount({ user, open, onClose }: { user: Me; open: boolean; onClose: () => void }) {
  const dot = useMyDot(user.id);
  return (
    <div className="mb-3 rounded-xl bg-surface-2 p-1.5">
      <div className="flex items-center gap-3 px-1.5 py-1.5">
        <Avatar user={user} size="md" status={dot} />
        <div className="min-w-0">
          <p className="truncate font-semibold text-fg">{user.name}</p>
          <p className="truncate text-sm text-fg-muted">@{user.username}</p>
        </div>
      </div>
      {/* Only while open: the closed panel stays in the page, and one status group at a time is there. */}
      {open ? (
        <div className="mt-1 border-t border-border pt-1.5">
          <StatusChoices onChosen={onClose} />
        </div>
      ) : null}
    </div>
  );
}

/** Unread chat notifications (direct messages, mentions) received elsewhere in the app. */
function ChatBadge({ count }: { count: number }) {
  const { plural } = useI18n();
  if (!count) return null;
  return (
    <span
      className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-danger px-1.5 text-[11px] font-semibold leading-5 text-danger-fg"
      data-testid="chat-badge"
    >
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">{plural("chat.notify.badge", count)}</span>
    </span>
  );
}

function MobileMenu({
  id,
  open,
  user,
  pathname,
  onClose,
  signUp,
}: {
  id: string;
  open: boolean;
  user: Me | null;
  pathname: string;
  onClose: () => void;
  signUp: boolean;
}) {
  const { t } = useI18n();
  const { badge } = useChatActivity();
  const toast = useToast();
  const [leaving, setLeaving] = useState(false);
  const items = navItems(user);
  const row = "flex min-h-12 items-center gap-3 rounded-lg px-3 text-base font-medium";
  return (
    // Scrolls on its own: it lives in the sticky header, so a short phone could not scroll the page to its end.
    <div
      id={id}
      hidden={!open}
      className={cx(
        "max-h-[calc(100dvh-4rem)] overflow-y-auto overscroll-contain border-t border-border bg-surface px-4 pt-3 pb-5",
        user ? "md:hidden" : "sm:hidden",
      )}
    >
      {user ? <MobileAccount user={user} open={open} onClose={onClose} /> : null}
      {items.length ? (
        <nav aria-label={t("nav.main")}>
          <ul className="flex flex-col gap-0.5">
            {items.map((item) => {
              const active = isActive(pathname, item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={cx(row, active ? "bg-accent-soft text-accent-soft-fg" : "text-fg hover:bg-surface-2")}
                  >
                    <Icon name={item.icon} size={20} className={active ? "" : "text-fg-subtle"} />
                    {t(item.label)}
                    {item.href === "/chat" ? <ChatBadge count={badge} /> : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}

      <div className={cx("flex flex-col gap-0.5", items.length > 0 && "mt-3 border-t border-border pt-3")}>
        <div className="flex min-h-12 items-center justify-between gap-3 px-3">
          <span className="text-sm font-medium text-fg-muted">{t("language.label")}</span>
          <LanguageSwitch signedIn={!!user} />
        </div>
        {user ? (
          <>
            <Link href="/profile" className={cx(row, "text-fg hover:bg-surface-2")}>
              <Icon name="user" size={20} className="text-fg-subtle" />
              {t("nav.profile")}
            </Link>
            {user.role === "instructor" || user.is_admin ? (
              <Link href="/dashboard/webhooks" className={cx(row, "text-fg hover:bg-surface-2")}>
                <Icon name="webhook" size={20} className="text-fg-subtle" />
                {t("nav.webhooks")}
              </Link>
            ) : null}
            {user.is_admin ? (
              <Link href="/admin" className={cx(row, "text-fg hover:bg-surface-2")}>
                <Icon name="shield" size={20} className="text-fg-subtle" />
                {t("admin.nav")}
              </Link>
            ) : null}
            <button
              type="button"
              disabled={leaving}
              className={cx(row, "w-full text-left text-fg hover:bg-surface-2 disabled:opacity-60")}
              onClick={async () => {
                setLeaving(true);
                if (!(await signOutAndLeave())) {
                  setLeaving(false);
                  toast({ title: t("auth.signOut.failed"), tone: "error" });
                }
              }}
            >
              <Icon name="logout" size={20} className="text-fg-subtle" />
              {leaving ? t("nav.signingOut") : t("nav.signOut")}
            </button>
          </>
        ) : (
          <div className={cx("mt-2 grid gap-2", signUp && "grid-cols-2")}>
            <ButtonLink href="/signin" variant="secondary">
              {t("nav.signIn")}
            </ButtonLink>
            {signUp ? <ButtonLink href="/signup">{t("nav.signUp")}</ButtonLink> : null}
          </div>
        )}
      </div>
    </div>
  );
}
