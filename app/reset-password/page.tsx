import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { AuthCard } from "@/components/accounts/AuthCard";
import { ResetPasswordForm } from "@/components/accounts/ResetPasswordForm";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.resetPassword.title"), referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const { t } = await getI18n();
  return (
    <AuthCard
      heading={t("auth.resetPassword.heading")}
      intro={t("auth.resetPassword.intro")}
      footer={
        <Link href="/signin" className="font-medium text-accent underline-offset-4 hover:underline">
          {t("auth.resetPassword.backToSignIn")}
        </Link>
      }
    >
      <ResetPasswordForm token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
