import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { ApiError } from "@/lib/http/errors";
import { getI18n } from "@/lib/i18n/server";
import { courseRegister, ownedCourses } from "@/lib/meetings/register";
import { CourseRegister } from "@/components/meetings/CourseRegister";
import { CourseSwitcher } from "@/components/meetings/CourseSwitcher";
import { InstructorsOnly } from "@/components/meetings/InstructorsOnly";
import { ButtonLink, buttonClasses } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { Page, PageHeader } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("register.title") };
}

type Props = { searchParams: Promise<{ course?: string | string[] }> };

/** `/dashboard/register?course=<slug>`: a course's register; without `course`, the first of the instructor's courses. */
export default async function RegisterPage({ searchParams }: Props) {
  const { course } = await searchParams;
  const requested = typeof course === "string" ? course : undefined;
  const user = await requireUser(requested ? `/dashboard/register?course=${encodeURIComponent(requested)}` : "/dashboard/register");
  // Administrators may open a register by its address; instructors get their own courses.
  if (user.role !== "instructor" && !(requested && user.is_admin)) return <InstructorsOnly />;
  const { t } = await getI18n();
  const courses = await ownedCourses(user.id);
  const slug = requested ?? courses[0]?.slug;

  const back = (
    <ButtonLink href="/dashboard/meetings" variant="secondary">
      {t("register.back")}
    </ButtonLink>
  );
  if (!slug) {
    return (
      <Page className="flex flex-1 items-center justify-center">
        <EmptyState
          icon="users"
          level={1}
          title={<span className="text-xl">{t("register.noCoursesTitle")}</span>}
          description={t("register.noCoursesBody")}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {back}
              <ButtonLink href="/chat">{t("register.createCourse")}</ButtonLink>
            </div>
          }
        />
      </Page>
    );
  }

  let register;
  try {
    register = await courseRegister(slug, user);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.code !== "FORBIDDEN" && err.code !== "NOT_FOUND")) throw err;
    const forbidden = err.code === "FORBIDDEN";
    return (
      <Page className="flex flex-1 items-center justify-center">
        <EmptyState
          icon="lock"
          level={1}
          title={<span className="text-xl">{t(forbidden ? "register.forbiddenTitle" : "register.notFoundTitle")}</span>}
          description={t(forbidden ? "register.forbiddenBody" : "register.notFoundBody")}
          action={back}
        />
      </Page>
    );
  }

  const switchable = courses.some((c) => c.slug === register.course.slug) && courses.length > 1;
  return (
    <Page>
      <PageHeader
        title={t("register.title")}
        description={t("register.description")}
        actions={
          <a
            href={`/api/channels/${encodeURIComponent(register.course.slug)}/attendance?format=csv`}
            download
            className={buttonClasses({ variant: "secondary" })}
            data-testid="register-csv"
          >
            <Icon name="download" size={18} />
            {t("register.downloadCsv")}
          </a>
        }
      >
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {switchable ? (
            <CourseSwitcher courses={courses} value={register.course.slug} />
          ) : (
            <p className="text-sm text-fg-muted">
              {t("register.course")} <span className="font-semibold text-fg">{register.course.name}</span>
            </p>
          )}
        </div>
      </PageHeader>
      <CourseRegister key={register.course.slug} initial={register} />
    </Page>
  );
}
