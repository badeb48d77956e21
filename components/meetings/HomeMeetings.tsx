import Link from "next/link";
import type { ReactNode } from "react";
import type { Me } from "@/lib/accounts/schemas";
import type { I18n } from "@/lib/i18n/translate";
import { meetingsOverview } from "@/lib/meetings/service";
import { ButtonLink } from "@/components/ui/Button";
import { Badge } from "@/components/ui/Badge";
import { DateTile, meetingStart, meetingWhen, MeetingStatusBadge } from "./format";

const SHOWN = 3;

/**
 * The home page's "My meetings": the next few (a student's declined ones left out), each linking
 * to where it is handled, or `empty` when there are none.
 */
export async function HomeMeetings({ user, i18n, empty }: { user: Me; i18n: I18n; empty: ReactNode }) {
  const { t } = i18n;
  const instructor = user.role === "instructor";
  const { upcoming } = await meetingsOverview(user, { upcoming: 10, past: 0 });
  const next = upcoming.filter((m) => instructor || m.participant_status !== "declined").slice(0, SHOWN);
  if (!next.length) return empty;
  const href = (id: string) => (instructor ? `/dashboard/meetings/${id}` : "/meetings");
  return (
    <div className="flex flex-1 flex-col px-5 pt-4 pb-5 sm:px-6">
      <p className="sr-only">{t("home.meetings.list")}</p>
      <ul className="flex flex-col divide-y divide-border" data-testid="home-meetings-list">
        {next.map((m) => {
          const when = meetingWhen(i18n, m);
          return (
            <li key={m.id} className="relative flex items-center gap-3 py-3 first:pt-1">
              <DateTile date={meetingStart(m)} i18n={i18n} className="w-11" />
              <div className="min-w-0 flex-1">
                <Link
                  href={href(m.id)}
                  className="block truncate text-sm font-medium text-fg after:absolute after:inset-0 hover:text-accent"
                >
                  {m.title}
                </Link>
                <p className="truncate text-xs text-fg-muted tabular-nums">{when.time}</p>
              </div>
              {m.status === "ongoing" ? (
                <MeetingStatusBadge status={m.status} t={t} />
              ) : !instructor && m.participant_status === "invited" ? (
                <Badge tone="accent">{t("home.meetings.invitation")}</Badge>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="mt-auto pt-3">
        <ButtonLink href={instructor ? "/dashboard/meetings" : "/meetings"} variant="secondary" size="sm">
          {t("home.meetings.seeAll")}
        </ButtonLink>
      </div>
    </div>
  );
}
