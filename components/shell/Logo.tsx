import { cx } from "@/lib/ui/cx";

/** The Mem2gether mark: two overlapping circles, people together. Brand colours in both themes. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cx("size-8", className)} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="9" fill="#4f46e5" />
      <circle cx="12.5" cy="16" r="6.5" fill="none" stroke="#fff" strokeWidth="2.6" />
      <circle cx="19.5" cy="16" r="6.5" fill="none" stroke="#fff" strokeOpacity="0.7" strokeWidth="2.6" />
    </svg>
  );
}

/** Mark + wordmark, as in the header. The "2" takes the accent colour. */
export function Logo({ className }: { className?: string }) {
  return (
    <span className={cx("inline-flex items-center gap-2.5", className)}>
      <LogoMark />
      <span className="text-[17px] font-semibold tracking-tight text-fg">
        Mem<span className="text-accent">2</span>gether
      </span>
    </span>
  );
}
