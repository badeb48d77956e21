import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env.mjs";
import { schoolSignIn } from "@/lib/accounts/oidc";
import { getI18n } from "@/lib/i18n/server";
import { AuthCard } from "@/components/accounts/AuthCard";
import { SignInForm, type InitialNotice } from "@/components/accounts/SignInForm";

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
  // ?error= comes from next-auth's own error redirects (pages.error is /signin), or from school
  // sign-in's refusals (lib/auth/next-auth.ts), which carry our error code.
  const refusals: Record<string, InitialNotice> = {
    ACCOUNT_DEACTIVATED: "deactivated",
    OIDC_EMAIL_UNVERIFIED: "emailUnverified",
    PASSWORD_SIGNIN_DISABLED: "passwordOff",
  };
  const notice: InitialNotice | undefined = params.error
    ? (refusals[String(params.error)] ?? "failed")
    : params.created
      ? "accountCreated"
      : params.callbackUrl && callbackUrl !== "/"
        ? "required"
        : undefined;
  const signupHref = callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  const password = env().PASSWORD_SIGNIN;
  return (
    <AuthCard
      heading={t("auth.signIn.heading")}
      intro={t("auth.signIn.intro")}
      footer={
        // School accounts are created by signing in: no sign-up when passwords are off.
        password && (
          <>
            {t("auth.signIn.noAccount")}{" "}
            <Link href={signupHref} className="font-medium text-accent underline-offset-4 hover:underline">
              {t("auth.signIn.createAccount")}
            </Link>
          </>
        )
      }
    >
      <SignInForm callbackUrl={callbackUrl} initialNotice={notice} school={schoolSignIn()} password={password} />
    </AuthCard>
  );
}
