// The course register as CSV: one row per student, one column per session, then the totals.
import { toCsv, type CsvCell } from "@/lib/formats/csv";
import { slugify } from "@/lib/formats/filename";
import type { CourseRegisterJson, RegisterCell } from "./register-schemas";

/** "2026-12-01 14:00 Title" (UTC, as every date of the API). */
const sessionHeader = (s: { scheduled_date: string; title: string }) => `${s.scheduled_date.slice(0, 16).replace("T", " ")} ${s.title}`;

/**
 * "present (52 min)", "excused (0 min): doctor's note"; empty for a session not held yet,
 * "n/a" where the student was not invited.
 */
export function registerCellText(cell: RegisterCell | null): string {
  if (!cell) return "n/a";
  if (!cell.status) return "";
  const text = `${cell.status} (${cell.minutes} min)`;
  return cell.note ? `${text}: ${cell.note}` : text;
}

export const REGISTER_TOTAL_COLUMNS = ["present", "late", "absent", "excused", "counted", "percentage"] as const;

export function registerCsv(register: CourseRegisterJson): string {
  const header = ["student_id", "username", "name", "email", ...register.sessions.map(sessionHeader), ...REGISTER_TOTAL_COLUMNS];
  const rows: CsvCell[][] = register.students.map((r) => [
    r.student.id,
    r.student.username,
    r.student.name,
    r.student_email,
    ...r.cells.map(registerCellText),
    ...REGISTER_TOTAL_COLUMNS.map((k) => r.totals[k]),
  ]);
  return toCsv(header, rows, { bom: true });
}

export const registerFilename = (course: { name: string; slug: string }) => `register-${slugify(course.name, course.slug)}.csv`;
