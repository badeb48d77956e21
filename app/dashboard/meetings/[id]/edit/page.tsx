import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { ownedCourses } from "@/lib/meetings/register";
import { InstructorsOnly } from "@/components/meetings/InstructorsOnly";
import { MeetingForm } from "@/components/meetings/MeetingForm";
import { Page, PageHeader } from "@/components/ui/Page";
import { ownMeeting } from "../meeting";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("meetings.form.editTitle") };
}

export default async function EditMeetingPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/meetings/${id}/edit`);
  if (user.role !== "instructor") return <InstructorsOnly />;
  const meeting = await ownMeeting(id, user, new Date());
  // Someone else's meeting, or one that is over: the meeting's page says why.
  if (!meeting || meeting.status === "completed" || meeting.status === "cancelled") redirect(`/dashboard/meetings/${id}`);
  const { t } = await getI18n();
  return (
    <Page narrow>
      <PageHeader title={t("meetings.form.editTitle")} description={t("meetings.form.editDescription")} />
      <MeetingForm meeting={meeting} courses={await ownedCourses(user.id)} />
    </Page>
  );
}
