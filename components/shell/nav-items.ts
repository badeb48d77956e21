import type { Me } from "@/lib/accounts/schemas";
import type { PlainKey } from "@/lib/i18n/messages";
import type { IconName } from "@/components/ui/Icon";

export interface NavItem {
  href: string;
  label: PlainKey;
  icon: IconName;
}

/** The main navigation; instructors manage meetings in /dashboard/meetings, students see theirs in /meetings. */
export function navItems(user: Pick<Me, "role"> | null): NavItem[] {
  if (!user) return [];
  return [
    { href: "/", label: "nav.home", icon: "home" },
    { href: "/rooms", label: "nav.rooms", icon: "rooms" },
    { href: "/chat", label: "nav.chat", icon: "chat" },
    { href: user.role === "instructor" ? "/dashboard/meetings" : "/meetings", label: "nav.meetings", icon: "meetings" },
  ];
}

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
