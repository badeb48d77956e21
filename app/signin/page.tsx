import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { AuthCard } from "@/components/accounts/AuthCard";
import { SignInForm } from "@/components/accounts/SignInForm";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.signIn.title") };
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const { t } = await getI18n();
  // ?error= comes from next-auth's own error redirects (pages.error is /signin).
  const notice = params.error
    ? "failed"
    : params.created
      ? "accountCreated"
      : params.callbackUrl && callbackUrl !== "/"
        ? "required"
        : undefined;
  const signupHref = callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <AuthCard
      heading={t("auth.signIn.heading")}
      intro={t("auth.signIn.intro")}
      footer={
        <>
          {t("auth.signIn.noAccount")}{" "}
          <Link href={signupHref} className="font-medium text-accent underline-offset-4 hover:underline">
            {t("auth.signIn.createAccount")}
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} initialNotice={notice} />
    </AuthCard>
  );
}
