"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import { Field, Select } from "@/components/ui/Field";

/** The meeting form's course: one of the instructor's course channels, or none. */
export function CoursePicker({
  courses,
  value,
  onChange,
}: {
  courses: { slug: string; name: string }[];
  value: string;
  onChange: (slug: string) => void;
}) {
  const { t } = useI18n();
  // A meeting filed under a course the instructor no longer owns keeps showing it.
  const options = value && !courses.some((c) => c.slug === value) ? [...courses, { slug: value, name: value }] : courses;
  return (
    <Field
      label={t("register.picker.label")}
      optional
      hint={courses.length ? t("register.picker.hint") : t("register.picker.noCourses")}
      aside={
        value ? (
          <Link
            href={`/dashboard/register?course=${encodeURIComponent(value)}`}
            className="text-sm font-medium text-accent hover:underline"
            data-testid="course-register-link"
          >
            {t("register.picker.openRegister")}
          </Link>
        ) : undefined
      }
    >
      <Select value={value} onChange={(e) => onChange(e.target.value)} disabled={!options.length} data-testid="meeting-course">
        <option value="">{t("register.picker.none")}</option>
        {options.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
