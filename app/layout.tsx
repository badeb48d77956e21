import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env.mjs";
import { I18nProvider } from "@/lib/i18n/client";
import { getI18n } from "@/lib/i18n/server";
import { getTheme } from "@/lib/theme/server";
import { themeClass } from "@/lib/theme/theme";
import { ChatActivityProvider } from "@/components/chat/ChatActivity";
import { RealtimeProvider } from "@/components/realtime/RealtimeProvider";
import { Header } from "@/components/shell/Header";
import { ToastProvider } from "@/components/ui/Toast";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return {
    title: { default: t("common.appName"), template: `%s · ${t("common.appName")}` },
    description: t("meta.description"),
    applicationName: t("common.appName"),
    // Files in public/ (drawn from the LogoMark by scripts/make-icons.mjs).
    icons: {
      icon: [
        { url: "/icon.svg", type: "image/svg+xml" },
        { url: "/icon-192.png", sizes: "192x192", type: "image/png" },
      ],
      apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
    },
    manifest: "/manifest.webmanifest",
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#161921" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, i18n, theme] = await Promise.all([getCurrentUser(), getI18n(), getTheme()]);
  const { t } = i18n;
  return (
    <html lang={i18n.locale} className={themeClass(theme)}>
      <body className="flex min-h-dvh flex-col">
        <I18nProvider locale={i18n.locale} timeZone={i18n.timeZone}>
          <ToastProvider>
            <RealtimeProvider userId={user?.id ?? null}>
              <ChatActivityProvider me={user?.id ?? null}>
                <a
                  href="#main"
                  className="sr-only z-50 rounded-lg bg-accent px-4 py-2 font-medium text-accent-fg focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
                >
                  {t("common.skipToContent")}
                </a>
                <Header user={user} signUp={env().PASSWORD_SIGNIN} />
                <main id="main" tabIndex={-1} className="flex flex-1 flex-col focus:outline-none">
                  {children}
                </main>
              </ChatActivityProvider>
            </RealtimeProvider>
          </ToastProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
