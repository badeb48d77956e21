"use client";

import { useState } from "react";
import { cx } from "@/lib/ui/cx";

export type AvatarSize = "xs" | "sm" | "md" | "lg" | "xl";

const SIZES: Record<AvatarSize, string> = {
  xs: "size-6 text-[10px]",
  sm: "size-8 text-xs",
  md: "size-10 text-sm",
  lg: "size-14 text-lg",
  xl: "size-24 text-3xl",
};

// Fixed pairs with enough contrast in both themes; a user always gets the same one.
const COLOURS = [
  "bg-indigo-100 text-indigo-800 dark:bg-indigo-500/25 dark:text-indigo-100",
  "bg-sky-100 text-sky-800 dark:bg-sky-500/25 dark:text-sky-100",
  "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/25 dark:text-emerald-100",
  "bg-amber-100 text-amber-900 dark:bg-amber-500/25 dark:text-amber-100",
  "bg-rose-100 text-rose-800 dark:bg-rose-500/25 dark:text-rose-100",
  "bg-violet-100 text-violet-800 dark:bg-violet-500/25 dark:text-violet-100",
  "bg-teal-100 text-teal-800 dark:bg-teal-500/25 dark:text-teal-100",
  "bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-500/25 dark:text-fuchsia-100",
];

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase();
}

interface AvatarProps {
  /** The user summary fields it needs: `{ id, name, avatar_url }` from the API. */
  user: { id?: string; name: string; username?: string; avatar_url?: string | null };
  size?: AvatarSize;
  /** Decorative when the name is printed next to it (the default); otherwise say so. */
  decorative?: boolean;
  /** A ring in the surface colour, to separate overlapping avatars in a stack. */
  ringed?: boolean;
  /** A presence dot: true = online, false = offline, undefined = none. */
  online?: boolean;
  /** A presence dot in the status's colour (wins over `online`). */
  status?: "online" | "away" | "dnd" | "offline";
  className?: string;
}

/** A user's picture (`avatar_url`), or their initials on a colour derived from their id. */
const DOT = { online: "bg-success", away: "bg-warning", dnd: "bg-danger", offline: "bg-fg-subtle" } as const;

export function Avatar({ user, size = "md", decorative = true, ringed = false, online, status, className }: AvatarProps) {
  const dot = status ?? (online === undefined ? undefined : online ? "online" : "offline");
  const [failed, setFailed] = useState(false);
  const colour = COLOURS[hash(user.id ?? user.username ?? user.name) % COLOURS.length];
  const showImage = !!user.avatar_url && !failed;
  return (
    <span className={cx("relative inline-flex shrink-0", className)}>
      {showImage ? (
        // A plain <img>: uploads are served by our API with their own caching headers.
        // eslint-disable-next-line @next/next/no-img-element -- served by our authenticated upload route, which next/image cannot optimise
        <img
          src={user.avatar_url!}
          alt={decorative ? "" : user.name}
          className={cx("rounded-full object-cover", ringed ? "ring-2 ring-surface" : "ring-1 ring-border", SIZES[size])}
          onError={() => setFailed(true)}
        />
      ) : (
        // The initials are drawn by CSS, not text: a button holding an avatar and a name is then
        // named by the name it shows (WCAG 2.5.3), not by "CD Camille Dupont".
        <span
          className={cx(
            "inline-grid place-items-center rounded-full font-semibold select-none before:content-[attr(data-initials)]",
            SIZES[size],
            colour,
            ringed && "ring-2 ring-surface",
          )}
          data-initials={initials(user.name || user.username || "?")}
          role={decorative ? undefined : "img"}
          aria-label={decorative ? undefined : user.name}
          aria-hidden={decorative ? true : undefined}
        />
      )}
      {dot !== undefined ? (
        <span
          className={cx(
            "absolute right-0 bottom-0 block rounded-full ring-2 ring-surface",
            size === "xl" || size === "lg" ? "size-3.5" : "size-2.5",
            DOT[dot],
          )}
          data-status={dot}
          aria-hidden="true"
        />
      ) : null}
    </span>
  );
}
