"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import type { RoomMeeting } from "@/lib/meetings/schemas";
import { MeetingStatusBadge } from "@/components/meetings/format";
import { buttonClasses } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";

/**
 * A meeting's companion room says whose room it is: the meeting's name and state, the way back
 * to the video call while it runs, and to the meeting's own page.
 */
export function MeetingBanner({ meeting }: { meeting: RoomMeeting }) {
  const { t } = useI18n();
  return (
    <div
      role="region"
      aria-label={t("rooms.meeting.label")}
      className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-xl border border-accent/30 bg-accent-soft px-4 py-3"
      data-testid="meeting-banner"
    >
      <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-surface text-accent" aria-hidden="true">
        <Icon name="video" size={18} />
      </span>
      <div className="min-w-0 flex-1 basis-48">
        <p className="text-xs font-medium text-accent-soft-fg">{t("rooms.meeting.roomOf")}</p>
        <p className="flex flex-wrap items-center gap-2">
          <span className="min-w-0 font-semibold break-words text-fg">{meeting.title}</span>
          <MeetingStatusBadge status={meeting.status} t={t} />
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {meeting.status === "ongoing" ? (
          <a
            href={meeting.meeting_link}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClasses({ size: "sm" })}
            data-testid="back-to-call"
          >
            <Icon name="video" size={16} />
            {t("rooms.meeting.backToCall")}
          </a>
        ) : null}
        <Link
          href={meeting.is_owner ? `/dashboard/meetings/${meeting.id}` : "/meetings"}
          className={buttonClasses({ size: "sm", variant: "secondary" })}
        >
          {meeting.is_owner ? t("rooms.meeting.manage") : t("rooms.meeting.myMeetings")}
        </Link>
      </div>
    </div>
  );
}
