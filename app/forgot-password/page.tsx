import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { AuthCard } from "@/components/accounts/AuthCard";
import { ForgotPasswordForm } from "@/components/accounts/ForgotPasswordForm";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.forgotPassword.title") };
}

export default async function ForgotPasswordPage() {
  const { t } = await getI18n();
  return (
    <AuthCard
      heading={t("auth.forgotPassword.heading")}
      intro={t("auth.forgotPassword.intro")}
      footer={
        <>
          {t("auth.forgotPassword.remembered")}{" "}
          <Link href="/signin" className="font-medium text-accent underline-offset-4 hover:underline">
            {t("auth.forgotPassword.signIn")}
          </Link>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
