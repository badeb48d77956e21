import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env.mjs";
import { ApiError } from "@/lib/http/errors";
import { getI18n } from "@/lib/i18n/server";
import { getMeeting } from "@/lib/meetings/service";
import { MeetingCall } from "@/components/meetings/MeetingCall";
import { Page, PageHeader } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("meetings.call.title") };
}

/** The meeting's call embedded in the page (Jitsi's IFrame API), with presence counted from it. */
export default async function MeetingCallPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  /** `group`: the breakout group the owner visits. */
  searchParams: Promise<{ group?: string | string[] }>;
}) {
  const { id } = await params;
  const { group: visit } = await searchParams;
  const user = await requireUser(`/meetings/${id}/call`);
  const meeting = await getMeeting(id, user).catch((err: unknown) => {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) notFound();
    throw err;
  });
  const { t } = await getI18n();
  const back = user.role === "instructor" ? `/dashboard/meetings/${id}` : "/meetings";
  const isOwner = meeting.instructor_id === user.id;
  // A student's own group, or the group the owner visits (while it runs).
  const group = isOwner ? (meeting.breakouts?.find((b) => b.id === visit) ?? null) : (meeting.breakout ?? null);
  return (
    <Page>
      <PageHeader title={meeting.title} description={t("meetings.call.description")} />
      <MeetingCall
        meetingId={id}
        status={meeting.status}
        jitsiBaseUrl={env().JITSI_BASE_URL}
        backHref={back}
        group={group && { id: group.id, name: group.name }}
        isOwner={isOwner}
      />
    </Page>
  );
}
