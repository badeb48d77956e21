import type { ReactNode } from "react";
import type { Me } from "@/lib/accounts/schemas";
import type { I18n } from "@/lib/i18n/translate";
import { HomeMeetings } from "@/components/meetings/HomeMeetings";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import type { IconName } from "@/components/ui/Icon";
import { Page, PageHeader } from "@/components/ui/Page";

/**
 * Home of a signed-in user: their rooms, channels and meetings. Each section shows an empty
 * state with the way to its feature until that feature fills it.
 */
export function Dashboard({ user, i18n }: { user: Me; i18n: I18n }) {
  const { t } = i18n;
  const instructor = user.role === "instructor";
  const sections: { id: string; icon: IconName; title: string; emptyTitle: string; emptyBody: string; href: string; action: string }[] = [
    {
      id: "rooms",
      icon: "rooms",
      title: t("home.rooms.title"),
      emptyTitle: t("home.rooms.emptyTitle"),
      emptyBody: t("home.rooms.emptyBody"),
      href: "/rooms",
      action: t("home.rooms.action"),
    },
    {
      id: "channels",
      icon: "chat",
      title: t("home.channels.title"),
      emptyTitle: t("home.channels.emptyTitle"),
      emptyBody: t("home.channels.emptyBody"),
      href: "/chat",
      action: t("home.channels.action"),
    },
    {
      id: "meetings",
      icon: "meetings",
      title: t("home.meetings.title"),
      emptyTitle: t("home.meetings.emptyTitle"),
      emptyBody: instructor ? t("home.meetings.emptyBodyInstructor") : t("home.meetings.emptyBodyStudent"),
      href: instructor ? "/dashboard/meetings" : "/meetings",
      action: instructor ? t("home.meetings.actionInstructor") : t("home.meetings.actionStudent"),
    },
  ];
  // A feature with something to show replaces its empty state (which it shows when it has nothing).
  const withContent = (id: string, empty: ReactNode): ReactNode => {
    if (id === "meetings") return <HomeMeetings user={user} i18n={i18n} empty={empty} />;
    return empty;
  };
  return (
    <Page>
      <PageHeader title={t("home.greeting", { name: user.name })} description={t("home.intro")}>
        <p className="order-first mb-1.5 text-sm font-medium text-accent first-letter:uppercase">{i18n.formatDate(new Date(), "weekdayDate")}</p>
      </PageHeader>
      <div className="grid gap-5 md:grid-cols-2 xl:grid-cols-3">
        {sections.map((s) => (
          <Card key={s.id} aria-labelledby={`home-${s.id}`} className="flex flex-col" data-testid={`home-${s.id}`}>
            <CardHeader id={`home-${s.id}`} title={s.title} />
            {withContent(
              s.id,
              <EmptyState
                icon={s.icon}
                title={s.emptyTitle}
                description={s.emptyBody}
                className="flex-1 pt-6"
                action={
                  <ButtonLink href={s.href} variant="secondary" size="sm">
                    {s.action}
                  </ButtonLink>
                }
              />,
            )}
          </Card>
        ))}
      </div>
    </Page>
  );
}
