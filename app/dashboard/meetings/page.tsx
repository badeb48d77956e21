import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { meetingsOverview } from "@/lib/meetings/service";
import { InstructorMeetings } from "@/components/meetings/InstructorMeetings";
import { InstructorsOnly } from "@/components/meetings/InstructorsOnly";
import { ButtonLink, buttonClasses } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { Page, PageHeader } from "@/components/ui/Page";
import { CalendarSubscription } from "@/components/meetings/CalendarSubscription";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("meetings.dashboard.title") };
}

export default async function InstructorMeetingsPage() {
  const user = await requireUser("/dashboard/meetings");
  if (user.role !== "instructor") return <InstructorsOnly />;
  const { t } = await getI18n();
  const now = new Date();
  const { upcoming, past } = await meetingsOverview(user, { upcoming: 100, past: 50 }, now);
  return (
    <Page>
      <PageHeader
        title={t("meetings.dashboard.title")}
        description={t("meetings.dashboard.description")}
        actions={
          <>
            <CalendarSubscription />
            <a href="/api/meetings/my/calendar.ics" download className={buttonClasses({ variant: "secondary" })}>
              <Icon name="calendarPlus" size={18} />
              <span className="sr-only sm:not-sr-only">{t("meetings.dashboard.calendar")}</span>
            </a>
            <ButtonLink href="/dashboard/register" variant="secondary" icon="users" data-testid="open-register">
              <span className="sr-only sm:not-sr-only">{t("register.open")}</span>
            </ButtonLink>
            <ButtonLink href="/dashboard/meetings/new" icon="plus">
              {t("meetings.dashboard.new")}
            </ButtonLink>
          </>
        }
      />
      <InstructorMeetings initial={[...upcoming, ...past]} renderedAt={now.getTime()} />
    </Page>
  );
}
