import { getI18n } from "@/lib/i18n/server";
import { ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Page } from "@/components/ui/Page";

/** What a student sees on an instructors' page: why not, and where their own meetings are. */
export async function InstructorsOnly() {
  const { t } = await getI18n();
  return (
    <Page className="flex flex-1 items-center justify-center">
      <EmptyState
        icon="lock"
        level={1}
        title={<span className="text-xl">{t("meetings.instructorsOnly.title")}</span>}
        description={t("meetings.instructorsOnly.body")}
        action={<ButtonLink href="/meetings">{t("meetings.instructorsOnly.action")}</ButtonLink>}
        className="max-w-md"
      />
    </Page>
  );
}
