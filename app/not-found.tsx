import { getI18n } from "@/lib/i18n/server";
import { ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Page } from "@/components/ui/Page";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <Page className="flex flex-1 items-center justify-center">
      <EmptyState
        icon="warning"
        level={1}
        title={<span className="text-xl">{t("notFound.title")}</span>}
        description={t("notFound.body")}
        action={<ButtonLink href="/">{t("notFound.action")}</ButtonLink>}
      />
    </Page>
  );
}
