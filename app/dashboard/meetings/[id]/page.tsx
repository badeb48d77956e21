import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { countNotes } from "@/lib/rooms/notes";
import { InstructorsOnly } from "@/components/meetings/InstructorsOnly";
import { MeetingManager } from "@/components/meetings/MeetingManager";
import { ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Page } from "@/components/ui/Page";
import { ownMeeting } from "./meeting";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ id }, { t }, user] = await Promise.all([params, getI18n(), requireUser("/dashboard/meetings")]);
  const meeting = user.role === "instructor" ? await ownMeeting(id, user, new Date()) : null;
  return { title: meeting?.title ?? t("meetings.dashboard.title") };
}

export default async function MeetingPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/meetings/${id}`);
  if (user.role !== "instructor") return <InstructorsOnly />;
  const { t } = await getI18n();
  const now = new Date();
  const meeting = await ownMeeting(id, user, now);
  if (!meeting) {
    return (
      <Page className="flex flex-1 items-center justify-center">
        <EmptyState
          icon="lock"
          level={1}
          title={<span className="text-xl">{t("meetings.detail.forbiddenTitle")}</span>}
          description={t("meetings.detail.forbiddenBody")}
          action={<ButtonLink href="/dashboard/meetings">{t("meetings.detail.back")}</ButtonLink>}
        />
      </Page>
    );
  }
  const notesCount = meeting.room_id ? await countNotes(meeting.room_id) : null;
  return (
    <Page>
      <MeetingManager initial={meeting} renderedAt={now.getTime()} notesCount={notesCount} />
    </Page>
  );
}
