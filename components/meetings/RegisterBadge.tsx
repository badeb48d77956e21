// A register cell's look, shared by the instructor's grid and a student's own record: a colored
// pill with a one-letter code (readable without color) and the minutes attended.
import type { Translate } from "@/lib/i18n/translate";
import type { RegisterCell, RegisterStatus } from "@/lib/meetings/register-schemas";
import { cx } from "@/lib/ui/cx";

export const REGISTER_TONES: Record<RegisterStatus, string> = {
  present: "bg-success-soft text-success-soft-fg border-success/30",
  late: "bg-warning-soft text-warning-soft-fg border-warning/40",
  absent: "bg-danger-soft text-danger-soft-fg border-danger/30",
  excused: "bg-accent-soft text-accent-soft-fg border-accent/30",
};

const DOTS: Record<RegisterStatus, string> = {
  present: "bg-success",
  late: "bg-warning",
  absent: "bg-danger",
  excused: "bg-accent",
};

/** The pill of a cell: "P 52 min"; a corner dot when the instructor changed it. */
export function RegisterBadge({
  cell,
  t,
  compact = false,
  className,
}: {
  cell: RegisterCell;
  t: Translate;
  /** In the grid: a session not held yet is an empty dashed pill (its column says "Upcoming"). */
  compact?: boolean;
  className?: string;
}) {
  if (!cell.status) {
    return (
      <span
        className={cx(
          "inline-flex h-7 items-center rounded-md border border-dashed border-border-strong px-2 text-xs whitespace-nowrap text-fg-subtle",
          compact && "w-12 justify-center",
          className,
        )}
      >
        {compact ? <span aria-hidden="true">—</span> : t("register.notHeld")}
        {compact ? <span className="sr-only">{t("register.notHeld")}</span> : null}
      </span>
    );
  }
  return (
    <span
      className={cx(
        "relative inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs font-medium whitespace-nowrap tabular-nums",
        REGISTER_TONES[cell.status],
        className,
      )}
    >
      <span className="font-semibold">{t(`register.short.${cell.status}`)}</span>
      {/* An absence of 0 minutes says it all. */}
      {cell.status === "absent" && cell.minutes === 0 ? null : (
        <span className="font-normal">{t("register.minutes", { count: Math.round(cell.minutes) })}</span>
      )}
      {cell.overridden ? (
        <span className="absolute -top-1 -right-1 size-2.5 rounded-full border-2 border-surface bg-fg-muted" aria-hidden="true" />
      ) : null}
    </span>
  );
}

/** The legend: each status with its code and color. */
export function RegisterLegend({ t }: { t: Translate }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-fg-muted" aria-label={t("register.override.status")}>
      {(["present", "late", "absent", "excused"] as const).map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span className={cx("size-2.5 rounded-full", DOTS[s])} aria-hidden="true" />
          <span className="font-semibold text-fg">{t(`register.short.${s}`)}</span>
          {t(`register.status.${s}`)}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span className="size-2.5 rounded-full border-2 border-surface bg-fg-muted ring-1 ring-border" aria-hidden="true" />
        {t("register.edited")}
      </li>
    </ul>
  );
}

/** "87.5 %" in the viewer's locale, or a dash when nothing counted yet. */
export function formatPercentage(value: number | null, formatNumber: (n: number, o?: Intl.NumberFormatOptions) => string, t: Translate) {
  return value === null ? t("register.noPercentage") : formatNumber(value / 100, { style: "percent", maximumFractionDigits: 1 });
}

/** The percentage's pill: green from 80 %, amber from 60 %, red below. */
export function percentageTone(value: number | null): string {
  if (value === null) return "bg-surface-2 text-fg-subtle";
  if (value >= 80) return "bg-success-soft text-success-soft-fg";
  if (value >= 60) return "bg-warning-soft text-warning-soft-fg";
  return "bg-danger-soft text-danger-soft-fg";
}
