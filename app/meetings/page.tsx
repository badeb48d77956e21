import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { myRegister } from "@/lib/meetings/register";
import { meetingsOverview } from "@/lib/meetings/service";
import { CalendarSubscription } from "@/components/meetings/CalendarSubscription";
import { MyCourseRecords } from "@/components/meetings/MyCourseRecords";
import { StudentMeetings } from "@/components/meetings/StudentMeetings";
import { buttonClasses } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { Page, PageHeader } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("meetings.student.title") };
}

export default async function MyMeetingsPage() {
  const user = await requireUser("/meetings");
  // Instructors are never invited: their meetings are managed in the dashboard.
  if (user.role === "instructor") redirect("/dashboard/meetings");
  const { t } = await getI18n();
  const now = new Date();
  const [{ upcoming, past }, record] = await Promise.all([meetingsOverview(user, { upcoming: 100, past: 50 }, now), myRegister(user, now)]);
  return (
    <Page>
      <PageHeader
        title={t("meetings.student.title")}
        description={t("meetings.student.description")}
        actions={
          <div className="flex flex-wrap gap-2">
            <CalendarSubscription />
            {upcoming.length ? (
              <a
                href="/api/meetings/my/calendar.ics"
                download
                className={buttonClasses({ variant: "secondary" })}
                data-testid="add-all-calendar"
              >
                <Icon name="calendarPlus" size={18} />
                {t("meetings.student.addAll")}
              </a>
            ) : null}
          </div>
        }
      />
      <StudentMeetings initial={[...upcoming, ...past]} renderedAt={now.getTime()} />
      <MyCourseRecords courses={record.courses} />
    </Page>
  );
}
