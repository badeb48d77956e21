"use client";

import { useT } from "@/lib/i18n/client";
import { EmptyState } from "@/components/ui/EmptyState";

export function PhotosStage(_props: { code: string; canControl: boolean }) {
  const t = useT();
  return <EmptyState icon="image" title={t("rooms.photos.empty")} description={t("rooms.photos.emptyBody")} />;
}
