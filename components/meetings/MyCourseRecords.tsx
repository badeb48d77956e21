"use client";

import { useI18n } from "@/lib/i18n/client";
import type { MyCourseRecord } from "@/lib/meetings/register-schemas";
import { Card, CardHeader } from "@/components/ui/Card";
import { cx } from "@/lib/ui/cx";
import { formatPercentage, percentageTone, RegisterBadge, RegisterLegend } from "./RegisterBadge";

/** A student's own register on /meetings: per course, the percentage and each session's cell. */
export function MyCourseRecords({ courses }: { courses: MyCourseRecord[] }) {
  const { t, plural, formatDate, formatNumber } = useI18n();
  if (!courses.length) return null;
  return (
    <section aria-labelledby="my-register-title" className="mt-10 flex flex-col gap-4" data-testid="my-register">
      <div>
        <h2 id="my-register-title" className="text-lg font-semibold text-fg">
          {t("register.mine.title")}
        </h2>
        <p className="mt-1 text-sm text-fg-muted">{t("register.mine.description")}</p>
      </div>
      {courses.map((c) => (
        <Card key={c.course.id} aria-labelledby={`my-register-${c.course.id}`} data-testid={`my-register-${c.course.slug}`}>
          <CardHeader
            id={`my-register-${c.course.id}`}
            level={3}
            title={c.course.name}
            description={
              c.totals.counted || c.totals.excused
                ? `${plural("register.mine.sessions", c.totals.counted)} · ${t("register.mine.summary", {
                    present: c.totals.present,
                    late: c.totals.late,
                    absent: c.totals.absent,
                    excused: c.totals.excused,
                  })}`
                : t("register.mine.noneCounted")
            }
            actions={
              <span
                className={cx(
                  "inline-flex h-9 items-center rounded-lg px-3 text-lg font-semibold tabular-nums",
                  percentageTone(c.totals.percentage),
                )}
                data-testid="my-register-percentage"
              >
                {formatPercentage(c.totals.percentage, formatNumber, t)}
              </span>
            }
          />
          <ul className="grid grid-cols-2 gap-2 px-5 pt-4 pb-5 sm:grid-cols-4 sm:px-6 lg:grid-cols-6">
            {c.sessions.map((s, i) => {
              const cell = c.cells[i]!;
              return (
                <li
                  key={s.id}
                  className="flex min-w-0 flex-col items-start gap-1 rounded-lg border border-border bg-surface-2/50 px-2.5 py-2"
                >
                  <span className="w-full text-xs">
                    <span className="block font-medium text-fg tabular-nums">{formatDate(s.scheduled_date, "date")}</span>
                    <span className="block truncate text-fg-muted" title={s.title}>
                      {s.title}
                    </span>
                  </span>
                  <span className="flex items-center gap-1.5">
                    <RegisterBadge cell={cell} t={t} />
                    {cell.status ? <span className="sr-only">{t(`register.status.${cell.status}`)}</span> : null}
                  </span>
                  {cell.note ? <span className="w-full truncate text-xs text-fg-subtle italic">{cell.note}</span> : null}
                </li>
              );
            })}
          </ul>
        </Card>
      ))}
      <RegisterLegend t={t} />
    </section>
  );
}
