"use client";

import { useEffect } from "react";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Page } from "@/components/ui/Page";

/** A page that failed to render: say so kindly and offer to try again (the shell stays). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Page className="flex flex-1 items-center justify-center">
      <EmptyState
        icon="alert"
        level={1}
        title={<span className="text-xl">{t("errorPage.title")}</span>}
        description={t("errorPage.body")}
        action={<Button onClick={reset}>{t("errorPage.retry")}</Button>}
      />
    </Page>
  );
}
