import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env.mjs";
import { getI18n } from "@/lib/i18n/server";
import { mailDir } from "@/lib/mail/config";
import { listOutbox } from "@/lib/mail/outbox";
import { Page, PageHeader } from "@/components/ui/Page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("devMail.title"), robots: { index: false } };
}

/** Development only: the mails written to DATA_DIR/mail when SMTP_URL is unset. */
export default async function DevMailPage() {
  if (env().isProduction) notFound();
  const { t, formatDate } = await getI18n();
  const mails = await listOutbox();
  return (
    <Page>
      <PageHeader title={t("devMail.title")} description={t("devMail.intro", { dir: mailDir() })} />
      {mails.length === 0 ? (
        <p className="text-fg-muted" data-testid="dev-mail-empty">
          {t("devMail.empty")}
        </p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="dev-mail-list">
          {mails.map((m) => (
            <li key={m.id} className="rounded-xl border border-border bg-surface p-4" data-testid="dev-mail">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium text-fg">{m.subject}</span>
                  <span className="block text-sm text-fg-muted">
                    {t("devMail.to", { to: m.to })} · {formatDate(m.date)} · {m.id}.eml
                  </span>
                </summary>
                <pre className="mt-3 overflow-x-auto whitespace-pre-wrap text-sm text-fg">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
