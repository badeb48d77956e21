import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Page, PageHeader } from "@/components/ui/Page";
import { WebhooksManager } from "@/components/webhooks/WebhooksManager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("webhooks.title") };
}

export default async function WebhooksPage() {
  const user = await requireUser("/dashboard/webhooks");
  const { t } = await getI18n();
  if (user.role !== "instructor" && !user.is_admin)
    return (
      <Page className="flex flex-1 items-center justify-center">
        <EmptyState
          icon="lock"
          level={1}
          title={<span className="text-xl">{t("webhooks.onlyTitle")}</span>}
          description={t("webhooks.onlyBody")}
          action={<ButtonLink href="/">{t("webhooks.onlyAction")}</ButtonLink>}
          className="max-w-md"
        />
      </Page>
    );
  return (
    <Page narrow>
      <PageHeader title={t("webhooks.title")} description={t("webhooks.description")}>
        {user.is_admin ? <p className="mt-2 max-w-2xl text-sm text-fg-subtle">{t("webhooks.descriptionAdmin")}</p> : null}
      </PageHeader>
      <WebhooksManager isAdmin={user.is_admin} />
    </Page>
  );
}
