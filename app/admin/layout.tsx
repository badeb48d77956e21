import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { Page, PageHeader } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.title") };
}

/** /admin and its sections: administrators only (anyone else sees a 404, the API answers 403). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("/admin");
  if (!user.is_admin) notFound();
  const { t } = await getI18n();
  return (
    <Page>
      <PageHeader title={t("admin.title")} description={t("admin.intro")} />
      <AdminTabs />
      <div className="mt-6">{children}</div>
    </Page>
  );
}
