import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env.mjs";
import { getI18n } from "@/lib/i18n/server";
import { Dashboard } from "@/components/home/Dashboard";
import { Landing } from "@/components/home/Landing";

export async function generateMetadata(): Promise<Metadata> {
  const [user, { t }] = await Promise.all([getCurrentUser(), getI18n()]);
  return { title: user ? t("home.title") : { absolute: t("landing.title") } };
}

export default async function HomePage() {
  const [user, i18n] = await Promise.all([getCurrentUser(), getI18n()]);
  return user ? <Dashboard user={user} i18n={i18n} /> : <Landing i18n={i18n} signUp={env().PASSWORD_SIGNIN} />;
}
