"use client";

import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import { registerTotals } from "@/lib/meetings/register-cells";
import type { CourseRegisterJson, RegisterCell, RegisterRow, RegisterSession } from "@/lib/meetings/register-schemas";
import { Avatar } from "@/components/ui/Avatar";
import { EmptyState } from "@/components/ui/EmptyState";
import { cx } from "@/lib/ui/cx";
import { RegisterOverrideDialog } from "./RegisterOverrideDialog";
import { useLiveRegister } from "./use-live-register";
import { formatPercentage, percentageTone, RegisterBadge, RegisterLegend } from "./RegisterBadge";

type Editing = { row: RegisterRow; session: RegisterSession; cell: RegisterCell };

/**
 * The instructor's register: students down, sessions across (the names stay in view while the
 * grid scrolls sideways), a colored cell per session with the minutes, the percentage at the end.
 * A cell opens a dialog to override it with a note; the grid updates from the answer, and from
 * the course's meetings as they change (a student joining a live session shows up).
 */
export function CourseRegister({ initial }: { initial: CourseRegisterJson }) {
  const i18n = useI18n();
  const { t, formatDate, formatNumber } = i18n;
  const [register, setRegister] = useState(initial);
  const [editing, setEditing] = useState<Editing | null>(null);
  useLiveRegister(register, setRegister);
  const { sessions, students } = register;

  function applyCell(studentId: string, cell: RegisterCell) {
    setRegister((r) => ({
      ...r,
      students: r.students.map((row) => {
        if (row.student.id !== studentId) return row;
        const cells = row.cells.map((c) => (c?.meeting_id === cell.meeting_id ? cell : c));
        return { ...row, cells, totals: registerTotals(r.sessions, cells) };
      }),
    }));
  }

  if (!sessions.length) {
    return (
      <div className="rounded-xl border border-border bg-surface">
        <EmptyState icon="calendarPlus" title={t("register.emptyTitle")} description={t("register.emptyBody")} />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <div
        className="relative overflow-x-auto overscroll-x-contain rounded-xl border border-border bg-surface shadow-sm"
        role="region"
        aria-label={t("register.title")}
        tabIndex={0}
        data-testid="register-grid"
      >
        <table className="w-full border-separate border-spacing-0 text-sm">
          <thead>
            <tr className="text-left align-bottom">
              <th
                scope="col"
                className="sticky left-0 z-20 w-32 max-w-32 min-w-32 border-r border-b border-border bg-surface-2 px-3 py-2.5 text-xs font-medium tracking-wide text-fg-subtle uppercase sm:w-56 sm:max-w-56 sm:min-w-56 sm:px-4"
              >
                {t("register.student")}
              </th>
              {sessions.map((s) => (
                <th
                  key={s.id}
                  scope="col"
                  className="w-28 max-w-28 min-w-28 border-b border-border bg-surface-2 px-2 py-2.5 font-normal"
                  data-testid="register-session"
                >
                  <span className="block text-xs font-semibold text-fg tabular-nums">{formatDate(s.scheduled_date, "date")}</span>
                  <span className="block max-w-24 truncate text-xs text-fg-muted" title={s.title}>
                    {s.title}
                  </span>
                  <span
                    className={cx(
                      "mt-1 inline-block rounded px-1.5 text-[0.6875rem] leading-5 font-medium",
                      s.status === "ongoing" ? "bg-success-soft text-success-soft-fg" : "bg-surface-3 text-fg-muted",
                    )}
                  >
                    {t(`register.sessionStatus.${s.status}`)}
                  </span>
                </th>
              ))}
              <th
                scope="col"
                className="min-w-24 border-b border-l border-border bg-surface-2 px-3 py-2.5 text-right text-xs font-medium tracking-wide text-fg-subtle uppercase sm:sticky sm:right-0 sm:z-20"
              >
                {t("register.percentage")}
              </th>
            </tr>
          </thead>
          <tbody>
            {students.map((row) => {
              const name = row.student.name || row.student.username;
              return (
                <tr key={row.student.id} className="group" data-testid={`register-row-${row.student.username}`}>
                  <th
                    scope="row"
                    className="sticky left-0 z-10 w-32 max-w-32 min-w-32 border-r border-b border-border bg-surface px-3 py-2 text-left font-normal group-hover:bg-surface-2 sm:w-56 sm:max-w-56 sm:min-w-56 sm:px-4"
                  >
                    <span className="flex min-w-0 items-center gap-2.5">
                      <Avatar user={row.student} size="sm" className="hidden sm:inline-flex" />
                      <span className="max-w-[6.5rem] min-w-0 sm:max-w-[9.5rem]">
                        <span className="block truncate text-sm font-medium text-fg">{name}</span>
                        <span className="block truncate text-xs text-fg-subtle">@{row.student.username}</span>
                      </span>
                    </span>
                  </th>
                  {row.cells.map((cell, i) => {
                    const session = sessions[i]!;
                    return (
                      <td key={session.id} className="border-b border-border px-2 py-2 group-hover:bg-surface-2/60">
                        {cell ? (
                          <button
                            type="button"
                            onClick={() => setEditing({ row, session, cell })}
                            className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                            title={cell.note ?? undefined}
                            data-testid="register-cell"
                            data-status={cell.status ?? "none"}
                          >
                            <RegisterBadge
                              cell={cell}
                              t={t}
                              compact
                              className="cursor-pointer hover:brightness-95 dark:hover:brightness-110"
                            />
                            {/* The name starts with what the pill shows (WCAG 2.5.3), then says whose and what. */}
                            <span className="sr-only">
                              {t("register.cellLabel", {
                                student: name,
                                session: `${session.title} (${formatDate(session.scheduled_date, "date")})`,
                                status: cell.status ? t(`register.status.${cell.status}`) : t("register.notHeld"),
                              })}
                              {cell.note ? ` (${cell.note})` : ""}
                            </span>
                          </button>
                        ) : (
                          <span className="px-2 text-fg-subtle" title={t("register.notInvited")}>
                            <span aria-hidden="true">·</span>
                            <span className="sr-only">{t("register.notInvited")}</span>
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td className="border-b border-l border-border bg-surface px-3 py-2 text-right group-hover:bg-surface-2 sm:sticky sm:right-0 sm:z-10">
                    <span
                      className={cx(
                        "inline-flex h-7 items-center rounded-md px-2 text-sm font-semibold tabular-nums",
                        percentageTone(row.totals.percentage),
                      )}
                      data-testid="register-percentage"
                    >
                      {formatPercentage(row.totals.percentage, formatNumber, t)}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <RegisterLegend t={t} />
      <p className="max-w-3xl text-xs text-fg-subtle">{t("register.lateRule", { minutes: register.late_after_minutes })}</p>
      {editing ? (
        <RegisterOverrideDialog
          key={`${editing.row.student.id}-${editing.session.id}`}
          student={editing.row.student}
          session={editing.session}
          cell={editing.cell}
          onClose={() => setEditing(null)}
          onSaved={(cell) => {
            applyCell(editing.row.student.id, cell);
            setEditing(null);
          }}
          save={(body) =>
            apiFetch<{ cell: RegisterCell }>(`/api/meetings/${editing.session.id}/participants/${editing.row.student.id}`, {
              method: "PATCH",
              body,
            })
          }
        />
      ) : null}
    </div>
  );
}
