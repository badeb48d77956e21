"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { useI18n } from "@/lib/i18n/client";
import { Select } from "@/components/ui/Field";

/** The register's course: one of the instructor's course channels (navigates on change). */
export function CourseSwitcher({ courses, value }: { courses: { slug: string; name: string }[]; value: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const id = useId();
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-fg-muted">
        {t("register.course")}
      </label>
      <Select
        id={id}
        value={value}
        onChange={(e) => router.push(`/dashboard/register?course=${encodeURIComponent(e.target.value)}`)}
        className="max-w-56 min-w-0 sm:max-w-72"
        data-testid="register-course"
      >
        {courses.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
