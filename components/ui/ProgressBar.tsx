import { cx } from "@/lib/ui/cx";

interface ProgressBarProps {
  /** 0..max; omit for an indeterminate bar (work of unknown length). */
  value?: number;
  max?: number;
  /** Accessible name ("Uploading photo.jpg"); shown above the bar when `showLabel`. */
  label: string;
  showLabel?: boolean;
  /** Text for the current value ("45%", "3 of 10"); defaults to a percentage. */
  valueText?: string;
  tone?: "accent" | "success" | "danger";
  className?: string;
}

const TONES = { accent: "bg-accent", success: "bg-success", danger: "bg-danger" } as const;

/** A horizontal progress bar (uploads, attendance, quotas). */
export function ProgressBar({ value, max = 100, label, showLabel = false, valueText, tone = "accent", className }: ProgressBarProps) {
  const indeterminate = value === undefined;
  const pct = indeterminate ? 0 : Math.max(0, Math.min(100, (value / max) * 100));
  const text = valueText ?? (indeterminate ? undefined : `${Math.round(pct)}%`);
  return (
    <div className={className}>
      {showLabel ? (
        <div className="mb-1.5 flex items-center justify-between gap-3 text-sm">
          <span className="truncate text-fg">{label}</span>
          {text ? <span className="shrink-0 tabular-nums text-fg-muted">{text}</span> : null}
        </div>
      ) : null}
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={indeterminate ? undefined : 0}
        aria-valuemax={indeterminate ? undefined : max}
        aria-valuenow={indeterminate ? undefined : value}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-3"
      >
        <div
          className={cx(
            "h-full rounded-full transition-[width] duration-300",
            TONES[tone],
            indeterminate && "w-2/5 animate-[progress-indeterminate_1.2s_ease-in-out_infinite]",
          )}
          style={indeterminate ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
