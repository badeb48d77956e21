import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { ownedCourses } from "@/lib/meetings/register";
import { InstructorsOnly } from "@/components/meetings/InstructorsOnly";
import { MeetingForm } from "@/components/meetings/MeetingForm";
import { Page, PageHeader } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("meetings.form.newTitle") };
}

/** The next round half hour at least 15 minutes away: a sensible first value for the picker. */
function defaultStart(now = Date.now()): string {
  const d = new Date(now + 15 * 60_000);
  d.setUTCSeconds(0, 0);
  d.setUTCMinutes(d.getUTCMinutes() <= 30 ? 30 : 60);
  return d.toISOString();
}

export default async function NewMeetingPage() {
  const user = await requireUser("/dashboard/meetings/new");
  if (user.role !== "instructor") return <InstructorsOnly />;
  const { t } = await getI18n();
  return (
    <Page narrow>
      <PageHeader title={t("meetings.form.newTitle")} description={t("meetings.form.newDescription")} />
      <MeetingForm defaultStart={defaultStart()} courses={await ownedCourses(user.id)} />
    </Page>
  );
}
