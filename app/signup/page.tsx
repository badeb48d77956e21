import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { env } from "@/lib/env.mjs";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { AuthCard } from "@/components/accounts/AuthCard";
import { SignUpForm } from "@/components/accounts/SignUpForm";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.signUp.title") };
}

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const signinHref = callbackUrl === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  // School sign-in only: accounts are created by the first school sign-in.
  if (!env().PASSWORD_SIGNIN) redirect(signinHref);
  const { t } = await getI18n();
  return (
    <AuthCard
      heading={t("auth.signUp.heading")}
      intro={t("auth.signUp.intro")}
      footer={
        <>
          {t("auth.signUp.haveAccount")}{" "}
          <Link href={signinHref} className="font-medium text-accent underline-offset-4 hover:underline">
            {t("auth.signUp.signIn")}
          </Link>
        </>
      }
    >
      {/* Whether the server asks instructors for a code (INSTRUCTOR_SIGNUP_CODE): only the fact, never the code. */}
      <SignUpForm callbackUrl={callbackUrl} instructorCodeRequired={!!env().INSTRUCTOR_SIGNUP_CODE} />
    </AuthCard>
  );
}
