import type { Me } from "@/lib/accounts/schemas";
import type { PlainKey } from "@/lib/i18n/messages";
import type { IconName } from "@/components/ui/Icon";

export interface NavItem {
  href: string;
  label: PlainKey;
  icon: IconName;
}

/**
 * The main navigation; instructors manage meetings in /dashboard/meetings, students see theirs in
 * /meetings. Instructors and administrators also get their webhooks.
 */
export function navItems(user: Pick<Me, "role" | "is_admin"> | null): NavItem[] {
  if (!user) return [];
  const items: NavItem[] = [
    { href: "/", label: "nav.home", icon: "home" },
    { href: "/rooms", label: "nav.rooms", icon: "rooms" },
    { href: "/chat", label: "nav.chat", icon: "chat" },
    { href: user.role === "instructor" ? "/dashboard/meetings" : "/meetings", label: "nav.meetings", icon: "meetings" },
  ];
  if (user.role === "instructor" || user.is_admin) items.push({ href: "/dashboard/webhooks", label: "nav.webhooks", icon: "webhook" });
  return items;
}

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
