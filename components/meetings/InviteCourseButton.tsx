"use client";

import { useState } from "react";
import type { UserSummary } from "@/lib/accounts/schemas";
import type { ChannelMemberJson } from "@/lib/chat/schemas";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import { Button } from "@/components/ui/Button";
import { useToast } from "@/components/ui/Toast";
import { actionError } from "./format";

/** The members endpoint's largest page (lib/chat/schemas.ts, Limit). */
const PAGE = 100;

/**
 * "Invite the course's students": every student member of the chosen course channel joins the
 * invitee list (instructors and students already listed are left as they are). A course of a few
 * hundred takes a few pages, so the button shows its progress.
 */
export function InviteCourseButton({
  course,
  value,
  onChange,
}: {
  course: { slug: string; name: string };
  value: UserSummary[];
  onChange: (next: UserSummary[]) => void;
}) {
  const { t, plural } = useI18n();
  const toast = useToast();
  const [loaded, setLoaded] = useState<number | null>(null);

  async function invite() {
    setLoaded(0);
    try {
      const found: UserSummary[] = [];
      let after: string | null = null;
      do {
        const qs = new URLSearchParams({ limit: String(PAGE) });
        if (after) qs.set("after", after);
        const res = await apiFetch<{ members: ChannelMemberJson[]; next_cursor: string | null }>(
          `/api/channels/${encodeURIComponent(course.slug)}/members?${qs}`,
        );
        if (!res.ok) {
          toast({ title: actionError(res, t), tone: "error" });
          return;
        }
        for (const m of res.data.members)
          if (m.role === "student") found.push({ id: m.id, username: m.username, name: m.name, avatar_url: m.avatar_url, role: m.role });
        setLoaded(found.length);
        after = res.data.next_cursor;
      } while (after);
      const listed = new Set(value.map((u) => u.id));
      const added = found.filter((u) => !listed.has(u.id));
      if (added.length) onChange([...value, ...added]);
      toast({
        title: added.length
          ? plural("register.picker.invited", added.length, { course: course.name })
          : t("register.picker.allInvited", { course: course.name }),
        tone: "success",
      });
    } finally {
      setLoaded(null);
    }
  }

  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      icon="users"
      loading={loaded !== null}
      loadingText={loaded ? plural("register.picker.loadingCount", loaded) : t("register.picker.loading")}
      onClick={() => void invite()}
      data-testid="invite-course"
      className="max-w-full"
    >
      <span className="truncate">{t("register.picker.inviteAll", { course: course.name })}</span>
    </Button>
  );
}
