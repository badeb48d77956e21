"use client";

export interface UserAvatarProps {
  /** A user summary (or Me): `avatar_url` is `/api/uploads/<id>` or null. */
  user: { name: string; avatar_url: string | null };
  /** Pixels, default 40. */
  size?: number;
  className?: string;
}

const PALETTE = ["bg-sky-600", "bg-emerald-600", "bg-violet-600", "bg-amber-600", "bg-rose-600", "bg-teal-600"];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((p) => Array.from(p)[0]!.toUpperCase()).join("") || "?";
}

/** The user's avatar, or their initials on a colour picked from their name. */
export function UserAvatar({ user, size = 40, className = "" }: UserAvatarProps) {
  const style = { width: size, height: size };
  if (user.avatar_url) {
    // A plain img: private bytes from our own API (cookie-authenticated), nothing for next/image to optimise.
    return <img src={user.avatar_url} alt={user.name} width={size} height={size} style={style} className={`shrink-0 rounded-full object-cover ${className}`} />;
  }
  const colour = PALETTE[[...user.name].reduce((sum, c) => sum + c.codePointAt(0)!, 0) % PALETTE.length];
  return (
    <span
      role="img"
      aria-label={user.name}
      style={{ ...style, fontSize: Math.max(10, Math.round(size * 0.4)) }}
      className={`inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white ${colour} ${className}`}
    >
      {initials(user.name)}
    </span>
  );
}
