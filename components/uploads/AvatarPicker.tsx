"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import type { Me } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import { KIND_LIMITS } from "@/lib/uploads/schemas";
import { cx } from "@/lib/ui/cx";
import { UploadDropzone, formatSize } from "./UploadDropzone";

export interface AvatarPickerProps {
  /** The signed-in user: `{id, name, avatar_url}` at least (what `requireUser()` and GET /api/me give). */
  user: { id?: string; name: string; username?: string; avatar_url: string | null };
  /** Called with the updated user after the picture was set or removed (PATCH /api/me's `user`). */
  onChange?: (user: Me) => void;
  className?: string;
}

/**
 * The profile's picture: the current avatar on the left; on the right, upload (button, drop or
 * paste; purpose `avatar`), then PATCH /api/me `{avatar_upload_id}`, or remove it. The server
 * components showing the avatar (the header) are refreshed afterwards.
 */
export function AvatarPicker({ user, onChange, className }: AvatarPickerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const router = useRouter();
  const [avatarUrl, setAvatarUrl] = useState(user.avatar_url);
  const [saving, setSaving] = useState<"set" | "remove" | null>(null);
  const [failed, setFailed] = useState(false);

  async function save(avatarUploadId: string | null) {
    setSaving(avatarUploadId ? "set" : "remove");
    setFailed(false);
    const res = await apiFetch<{ user: Me }>("/api/me", { method: "PATCH", body: { avatar_upload_id: avatarUploadId } });
    setSaving(null);
    if (!res.ok) {
      setFailed(true);
      return;
    }
    setAvatarUrl(res.data.user.avatar_url);
    onChange?.(res.data.user);
    router.refresh();
  }

  return (
    <div
      className={cx("flex flex-col gap-4 rounded-xl border border-dashed border-border-strong p-4 sm:flex-row sm:items-center", className)}
      data-slot="avatar-picker"
    >
      <Avatar user={{ ...user, avatar_url: avatarUrl }} size="lg" />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <p className="text-sm font-medium text-fg">{t("profile.avatarTitle")}</p>
        <p className="text-sm text-fg-muted">{t("uploads.avatar.hint", { size: formatSize(KIND_LIMITS.image, i18n) })}</p>
        <div className="flex flex-wrap items-start gap-2">
          <UploadDropzone
            purpose="avatar"
            compact
            hideHint
            buttonLabel={avatarUrl ? t("uploads.avatar.change") : t("uploads.avatar.upload")}
            disabled={saving !== null}
            onUploaded={(upload) => void save(upload.id)}
            className="min-w-0 flex-1"
          />
          {avatarUrl ? (
            <Button
              variant="ghost"
              size="sm"
              icon="trash"
              loading={saving === "remove"}
              loadingText={t("uploads.avatar.removing")}
              disabled={saving === "set"}
              onClick={() => void save(null)}
            >
              {t("uploads.avatar.remove")}
            </Button>
          ) : null}
        </div>
        {failed ? (
          <p role="alert" className="text-sm text-danger-text">
            {t("uploads.avatar.saveFailed")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
