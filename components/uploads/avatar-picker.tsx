"use client";

import { useState } from "react";
import type { Me } from "@/lib/accounts/schemas";
import { UploadDropzone } from "./upload-dropzone";
import { UserAvatar } from "./user-avatar";

export interface AvatarPickerProps {
  /** The signed-in user (`GET /api/me`'s `user`, or any object with `name` and `avatar_url`). */
  user: { name: string; avatar_url: string | null };
  /** Called with the updated user after the avatar was set or removed (`PATCH /api/me`'s `user`). */
  onChange?: (user: Me) => void;
  /** Preview size in pixels, default 96. */
  size?: number;
  className?: string;
}

/** Upload an image as the avatar (PATCH /api/me `avatar_upload_id`), or remove it. */
export function AvatarPicker({ user, onChange, size = 96, className = "" }: AvatarPickerProps) {
  const [current, setCurrent] = useState(user);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(avatarUploadId: string | null) {
    setSaving(true);
    setError(null);
    try {
      const res = await fetch("/api/me", {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ avatar_upload_id: avatarUploadId }),
      });
      const body = (await res.json().catch(() => ({}))) as { user?: Me; error?: string };
      if (!res.ok || !body.user) throw new Error(body.error ?? `Could not save the avatar (HTTP ${res.status})`);
      setCurrent(body.user);
      onChange?.(body.user);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className={`flex items-center gap-4 ${className}`}>
      <UserAvatar user={current} size={size} />
      <div className="flex min-w-0 flex-col gap-2">
        <UploadDropzone
          purpose="avatar"
          compact
          buttonLabel={current.avatar_url ? "Change photo" : "Upload a photo"}
          disabled={saving}
          onUploaded={(upload) => void save(upload.id)}
        />
        {current.avatar_url && (
          <button
            type="button"
            disabled={saving}
            onClick={() => void save(null)}
            className="self-start text-sm text-zinc-600 underline hover:text-zinc-900 disabled:opacity-50 dark:text-zinc-300 dark:hover:text-white"
          >
            Remove photo
          </button>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
