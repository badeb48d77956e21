"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState, type FormEvent } from "react";
import type { UserSummary } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useZodForm } from "@/lib/forms/use-zod-form";
import type { FieldErrors } from "@/lib/forms/messages";
import { useI18n } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n/translate";
import { CreateMeetingBody, MAX_DURATION_MINUTES, PAST_GRACE_MINUTES, UpdateMeetingBody, type MeetingJson } from "@/lib/meetings/schemas";
import { fromLocalInput, toLocalInput } from "@/lib/meetings/time";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/Card";
import { Field, FormAlert, Input, Textarea } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";
import { cx } from "@/lib/ui/cx";
import { actionError } from "./format";
import { CoursePicker } from "./CoursePicker";
import { InviteCourseButton } from "./InviteCourseButton";
import { StudentPicker } from "./StudentPicker";

const DESCRIPTION_MAX = 5000;
const DURATION_PRESETS = [30, 45, 60, 90, 120];

type Values = { title: string; description: string; scheduled_date: string; duration: string };

/**
 * Create or edit a meeting: title, description, a date-time picker in the viewer's time zone,
 * the duration and the invited students. Validated with the API's own schemas; an edit sends
 * only what changed (so a started meeting's unchanged date is not re-checked against "now").
 */
export function MeetingForm({
  meeting,
  defaultStart,
  courses = [],
}: {
  meeting?: MeetingJson;
  defaultStart?: string;
  /** The instructor's course channels, for the course picker. */
  courses?: { slug: string; name: string }[];
}) {
  const i18n = useI18n();
  const { t, timeZone } = i18n;
  const router = useRouter();
  const toast = useToast();
  const editing = !!meeting;

  const initial = useMemo<Values>(
    () => ({
      title: meeting?.title ?? "",
      description: meeting?.description ?? "",
      scheduled_date: meeting || defaultStart ? toLocalInput(meeting?.scheduled_date ?? defaultStart!, timeZone) : "",
      duration: String(meeting?.duration ?? 60),
    }),
    [meeting, defaultStart, timeZone],
  );
  const initialStudents = useMemo(() => (meeting?.participants ?? []).map((p) => p.student), [meeting]);
  const [students, setStudents] = useState<UserSummary[]>(initialStudents);
  const [course, setCourse] = useState(meeting?.course?.slug ?? "");
  const chosenCourse = course
    ? (courses.find((c) => c.slug === course) ?? (meeting?.course?.slug === course ? meeting.course : null))
    : null;
  const [notice, setNotice] = useState<string | null>(null);
  // "Correct the highlighted fields" after a refused submit, until the last error is fixed.
  const [fixNotice, setFixNotice] = useState(false);
  const [saving, setSaving] = useState(false);

  const toInput = useCallback(
    (v: Values) => {
      const when = fromLocalInput(v.scheduled_date, timeZone);
      return {
        title: v.title,
        description: v.description,
        scheduled_date: when ? when.toISOString() : v.scheduled_date,
        duration: v.duration.trim() === "" ? undefined : Number(v.duration),
        student_ids: students.map((s) => s.id),
        course: course || null,
      };
    },
    [students, course, timeZone],
  );
  // The API refuses a start in the past; say so before sending (a kept date of an edit is fine).
  const extra = useCallback(
    (v: Values, tr: Translate): FieldErrors => {
      if (editing && v.scheduled_date === initial.scheduled_date) return {};
      const when = fromLocalInput(v.scheduled_date, timeZone);
      if (when && when.getTime() < Date.now() - PAST_GRACE_MINUTES * 60_000) return { scheduled_date: tr("validation.pastDate") };
      return {};
    },
    [editing, initial.scheduled_date, timeZone],
  );
  const form = useZodForm({ initial, schema: editing ? UpdateMeetingBody : CreateMeetingBody, toInput, extra });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const parsed = form.validate();
    if (!parsed) {
      setFixNotice(true);
      return;
    }
    setFixNotice(false);
    const full = toInput(form.values);
    let body: Record<string, unknown> = full;
    if (meeting) {
      body = {};
      if (form.values.title.trim() !== meeting.title) body.title = full.title;
      if (form.values.description.trim() !== meeting.description) body.description = full.description;
      if (form.values.scheduled_date !== initial.scheduled_date) body.scheduled_date = full.scheduled_date;
      if (full.duration !== meeting.duration) body.duration = full.duration;
      const before = initialStudents
        .map((s) => s.id)
        .sort()
        .join();
      if (
        students
          .map((s) => s.id)
          .sort()
          .join() !== before
      )
        body.student_ids = full.student_ids;
      if (course !== (meeting.course?.slug ?? "")) body.course = full.course;
      if (!Object.keys(body).length) {
        setNotice(t("meetings.form.nothingChanged"));
        return;
      }
    }
    setSaving(true);
    const res = meeting
      ? await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${meeting.id}`, { method: "PUT", body })
      : await apiFetch<{ meeting: MeetingJson }>("/api/meetings", { method: "POST", body });
    if (!res.ok) {
      setSaving(false);
      const details = res.error?.details;
      if (res.status === 400 && details) {
        form.setServerErrors(details);
        if (Object.keys(details).some((k) => k.startsWith("student_ids"))) setNotice(t("meetings.form.studentsProblem"));
        else if (details.course) setNotice(t("register.picker.invalid"));
      } else setNotice(res.status === 409 ? t("meetings.form.locked") : actionError(res, t));
      return;
    }
    toast({ title: t(meeting ? "meetings.form.saved" : "meetings.form.created"), tone: "success" });
    router.push(`/dashboard/meetings/${res.data.meeting.id}`);
    router.refresh();
  }

  const durationValue = Number(form.values.duration);
  const dateHint = timeZone ? t("meetings.form.dateHint", { zone: timeZone.replace(/_/g, " ") }) : t("meetings.form.dateHintLocal");

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6" data-testid="meeting-form">
      {notice ? <FormAlert tone={notice === t("meetings.form.nothingChanged") ? "info" : "danger"}>{notice}</FormAlert> : null}
      {fixNotice && Object.keys(form.errors).length ? <FormAlert>{t("validation.fixErrors")}</FormAlert> : null}
      <Card aria-labelledby="meeting-form-details">
        <CardHeader id="meeting-form-details" title={t("meetings.form.detailsTitle")} />
        <CardBody className="flex flex-col gap-5">
          <Field label={t("meetings.form.title")} error={form.errors.title}>
            <Input {...form.field("title")} maxLength={200} placeholder={t("meetings.form.titlePlaceholder")} autoComplete="off" />
          </Field>
          <Field
            label={t("meetings.form.description")}
            error={form.errors.description}
            optional
            aside={
              form.values.description.length > DESCRIPTION_MAX - 500
                ? t("common.characters", { count: form.values.description.length, max: DESCRIPTION_MAX })
                : undefined
            }
          >
            <Textarea
              {...form.field("description")}
              rows={3}
              maxLength={DESCRIPTION_MAX}
              placeholder={t("meetings.form.descriptionPlaceholder")}
            />
          </Field>
          <div className="grid gap-5 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
            <Field label={t("meetings.form.date")} hint={dateHint} error={form.errors.scheduled_date}>
              <Input {...form.field("scheduled_date")} type="datetime-local" step={60} className="tabular-nums" />
            </Field>
            <Field label={t("meetings.form.duration")} hint={t("meetings.form.durationHint")} error={form.errors.duration}>
              <div className="relative">
                <Input
                  {...form.field("duration")}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={MAX_DURATION_MINUTES}
                  step={1}
                  className="pr-14 tabular-nums"
                />
                <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-fg-subtle">
                  {t("meetings.form.minutesUnit")}
                </span>
              </div>
            </Field>
          </div>
          <div className="-mt-2 flex flex-wrap gap-2" role="group" aria-label={t("meetings.form.durationPresets")}>
            {DURATION_PRESETS.map((minutes) => (
              <button
                key={minutes}
                type="button"
                onClick={() => form.setValue("duration", String(minutes))}
                aria-pressed={durationValue === minutes}
                className={cx(
                  "h-9 rounded-full border px-3 text-sm font-medium tabular-nums transition-colors sm:h-8",
                  durationValue === minutes
                    ? "border-accent bg-accent-soft text-accent-soft-fg"
                    : "border-border-strong text-fg-muted hover:bg-surface-2 hover:text-fg",
                )}
              >
                {t("meetings.minutesShort", { count: minutes })}
              </button>
            ))}
          </div>
          <CoursePicker courses={courses} value={course} onChange={setCourse} />
        </CardBody>
      </Card>

      <Card aria-labelledby="meeting-form-students">
        <CardHeader id="meeting-form-students" title={t("meetings.form.studentsTitle")} />
        <CardBody>
          {/* Above the chips: a course of 300 makes a long list. */}
          {chosenCourse ? (
            <div className="mb-4">
              <InviteCourseButton course={chosenCourse} value={students} onChange={setStudents} />
            </div>
          ) : null}
          <StudentPicker value={students} onChange={setStudents} />
        </CardBody>
        <CardFooter>
          <ButtonLink href={meeting ? `/dashboard/meetings/${meeting.id}` : "/dashboard/meetings"} variant="ghost">
            {t("common.cancel")}
          </ButtonLink>
          <Button type="submit" loading={saving} loadingText={t(editing ? "meetings.form.saving" : "meetings.form.creating")}>
            {t(editing ? "meetings.form.save" : "meetings.form.create")}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
