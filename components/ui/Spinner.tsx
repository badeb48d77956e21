import { cx } from "@/lib/ui/cx";

interface SpinnerProps {
  /** Announced to screen readers; omit when the surrounding text already says it is loading. */
  label?: string;
  size?: "sm" | "md" | "lg";
  className?: string;
}

const SIZES = { sm: "size-4", md: "size-5", lg: "size-8" } as const;

/** A small circular activity indicator, coloured with the text around it. */
export function Spinner({ label, size = "md", className }: SpinnerProps) {
  return (
    <span role={label ? "status" : undefined} className={cx("inline-flex items-center", className)}>
      <svg className={cx("animate-spin", SIZES[size])} viewBox="0 0 24 24" fill="none" aria-hidden="true">
        <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
        <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
