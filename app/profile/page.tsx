import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { getTheme } from "@/lib/theme/server";
import { ApiTokens } from "@/components/accounts/ApiTokens";
import { AppearanceForm } from "@/components/accounts/AppearanceForm";
import { DeleteAccount } from "@/components/accounts/DeleteAccount";
import { PasswordForm } from "@/components/accounts/PasswordForm";
import { ProfileForm } from "@/components/accounts/ProfileForm";
import { AvatarPicker } from "@/components/uploads/AvatarPicker";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { Page } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("profile.title") };
}

export default async function ProfilePage() {
  const user = await requireUser("/profile");
  const [{ t, formatDate }, theme] = await Promise.all([getI18n(), getTheme()]);
  return (
    <Page narrow>
      <div className="mb-8 flex items-center gap-4 sm:gap-5">
        <Avatar user={user} size="lg" />
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{t("profile.title")}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-fg-muted">
            <span className="font-medium text-fg">{user.name}</span>
            <span>@{user.username}</span>
            <Badge tone={user.role === "instructor" ? "accent" : "neutral"}>{t(`roles.${user.role}`)}</Badge>
          </p>
          <p className="mt-1 text-sm text-fg-subtle">{t("profile.memberSince", { date: formatDate(user.created_at, "dateLong") })}</p>
        </div>
      </div>

      <div className="flex flex-col gap-6">
        <Card aria-labelledby="profile-public">
          <CardHeader id="profile-public" title={t("profile.publicTitle")} description={t("profile.publicIntro")} />
          <CardBody className="pb-0">
            <AvatarPicker user={user} />
          </CardBody>
          <ProfileForm user={user} />
        </Card>

        <Card aria-labelledby="profile-appearance">
          <CardHeader id="profile-appearance" title={t("profile.appearanceTitle")} description={t("profile.appearanceIntro")} />
          <CardBody>
            <AppearanceForm initial={theme} />
          </CardBody>
        </Card>

        <Card aria-labelledby="profile-password">
          <CardHeader id="profile-password" title={t("profile.passwordTitle")} description={t("profile.passwordIntro")} />
          <PasswordForm username={user.username} />
        </Card>

        <Card aria-labelledby="profile-tokens">
          <CardHeader id="profile-tokens" title={t("profile.tokensTitle")} description={t("profile.tokensIntro")} />
          <ApiTokens isAdmin={user.is_admin} />
        </Card>

        <Card aria-labelledby="profile-danger" className="border-danger/30">
          <CardHeader id="profile-danger" title={t("profile.dangerTitle")} description={t("profile.dangerIntro")} />
          <CardBody>
            <DeleteAccount />
          </CardBody>
        </Card>
      </div>
    </Page>
  );
}
