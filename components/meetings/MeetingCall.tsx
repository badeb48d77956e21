"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { apiErrorText } from "@/lib/client/error-text";
import { useT } from "@/lib/i18n/client";
import { attachCallSession, callTarget, type CallState, type JitsiApiLike } from "@/lib/meetings/call-session";
import type { MeetingJson } from "@/lib/meetings/schemas";
import type { OwnBreakoutJson } from "@/lib/meetings/breakout-schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { ButtonLink } from "@/components/ui/Button";
import { FormAlert } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";

type JitsiConstructor = new (
  domain: string,
  options: { roomName: string; jwt?: string; parentNode: HTMLElement; width: string; height: string },
) => JitsiApiLike & { dispose(): void };

/** How long the IFrame API may take to load before the page falls back to the link. */
const LOAD_TIMEOUT_MS = 10_000;

/** Loads `external_api.js` from the configured Jitsi; rejects on error or timeout. */
function loadJitsi(baseUrl: string): Promise<JitsiConstructor> {
  const w = window as unknown as { JitsiMeetExternalAPI?: JitsiConstructor };
  if (w.JitsiMeetExternalAPI) return Promise.resolve(w.JitsiMeetExternalAPI);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${baseUrl.replace(/\/+$/, "")}/external_api.js`;
    script.async = true;
    const timer = setTimeout(() => reject(new Error("timeout")), LOAD_TIMEOUT_MS);
    script.onload = () => {
      clearTimeout(timer);
      if (w.JitsiMeetExternalAPI) resolve(w.JitsiMeetExternalAPI);
      else reject(new Error("no API"));
    };
    script.onerror = () => {
      clearTimeout(timer);
      reject(new Error("load failed"));
    };
    document.head.append(script);
  });
}

type Phase =
  | { kind: "joining" }
  | { kind: "loading"; link: string }
  | { kind: "embedded"; link: string; call: CallState }
  | { kind: "fallback"; link: string }
  | { kind: "error"; message: string };

type Group = Pick<OwnBreakoutJson, "id" | "name">;

/**
 * Joins the meeting (as the join button does), then embeds the call and counts presence from its
 * events. Where the IFrame API cannot load (a blocked network, a school proxy), it says so and
 * offers the link: the join already counts, and the meetings page's Leave closes it.
 *
 * Breakout groups: a student's page follows `meeting_breakout` on /chat to their group's call and
 * back to the main one; the owner visits a group (`group`) until it ends. Moving between the
 * meeting's calls is a hand-off, not a leave: attendance goes on.
 */
export function MeetingCall({
  meetingId,
  status,
  jitsiBaseUrl,
  backHref,
  group: initialGroup = null,
  isOwner = false,
}: {
  meetingId: string;
  status: MeetingJson["status"];
  jitsiBaseUrl: string;
  backHref: string;
  /** The breakout group whose call to join: the student's own, or the one the owner visits. */
  group?: Group | null;
  isOwner?: boolean;
}) {
  const t = useT();
  const frame = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<Phase>(
    status === "ongoing" ? { kind: "joining" } : { kind: "error", message: t("meetings.call.notOngoing") },
  );
  const [group, setGroup] = useState<Group | null>(initialGroup);
  const [back, setBack] = useState(false);
  const handOff = useRef(false);
  const socket = useSocket("/chat");
  const groupId = group?.id ?? null;

  const current = useRef(group);
  useEffect(() => {
    current.current = group;
  }, [group]);

  useEffect(() => {
    if (!socket) return;
    const move = (next: Group | null) => {
      if ((current.current?.id ?? null) === (next?.id ?? null)) return;
      current.current = next;
      handOff.current = true;
      setBack(next === null);
      setPhase({ kind: "joining" });
      setGroup(next);
    };
    const onBreakout = (p: { meeting_id: string; breakout: OwnBreakoutJson | null }) => {
      if (p.meeting_id === meetingId && !isOwner) move(p.breakout);
    };
    // The owner's visit ends with its group; a student's view carries their group too.
    const onUpdated = ({ meeting }: { meeting: MeetingJson }) => {
      if (meeting.id !== meetingId) return;
      if (!isOwner) {
        if (meeting.breakout !== undefined) move(meeting.breakout);
      } else if (current.current && !meeting.breakouts?.some((b) => b.id === current.current?.id)) move(null);
    };
    socket.on("meeting_breakout", onBreakout);
    socket.on("meeting_updated", onUpdated);
    return () => {
      socket.off("meeting_breakout", onBreakout);
      socket.off("meeting_updated", onUpdated);
    };
  }, [socket, meetingId, isOwner]);

  useEffect(() => {
    if (status !== "ongoing") return;
    let stopped = false;
    let cleanup = () => {};
    void (async () => {
      const id = encodeURIComponent(meetingId);
      const path = groupId ? `/api/meetings/${id}/breakouts/${encodeURIComponent(groupId)}/join` : `/api/meetings/${id}/join`;
      const res = await apiFetch<{ meeting_link: string }>(path, { method: "POST" });
      if (stopped) return;
      if (!res.ok) return setPhase({ kind: "error", message: apiErrorText(t, res) });
      const link = res.data.meeting_link;
      setPhase({ kind: "loading", link });
      try {
        const Jitsi = await loadJitsi(jitsiBaseUrl);
        if (stopped || !frame.current) return;
        const target = callTarget(link);
        const api = new Jitsi(target.domain, {
          roomName: target.roomName,
          jwt: target.jwt,
          parentNode: frame.current,
          width: "100%",
          height: "100%",
        });
        const detach = attachCallSession(api, {
          beat: (inCall) =>
            apiFetch(`/api/meetings/${encodeURIComponent(meetingId)}/presence`, { method: "POST", body: { in_call: inCall } }),
          onState: (call) => setPhase({ kind: "embedded", link, call }),
        });
        cleanup = () => {
          detach({ handOff: handOff.current });
          api.dispose();
        };
      } catch {
        if (!stopped) setPhase({ kind: "fallback", link });
      }
    })();
    return () => {
      stopped = true;
      cleanup();
      handOff.current = false;
    };
  }, [meetingId, status, jitsiBaseUrl, t, groupId]);

  return (
    <div className="flex flex-col gap-4" data-testid="meeting-call" data-phase={phase.kind} data-group={groupId ?? ""}>
      {group ? (
        <div
          className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-accent/25 bg-accent-soft px-4 py-3 text-sm text-fg"
          role="status"
          data-testid="call-group"
        >
          <span className="flex min-w-0 items-center gap-2">
            <Icon name="users" size={18} className="shrink-0 text-accent" />
            <span className="min-w-0 break-words">
              {isOwner ? t("meetings.breakouts.visiting", { name: group.name }) : t("meetings.breakouts.inGroup", { name: group.name })}
            </span>
          </span>
          {isOwner ? (
            <Link href={`/meetings/${encodeURIComponent(meetingId)}/call`} className="font-medium text-accent hover:underline">
              {t("meetings.breakouts.backToMainLink")}
            </Link>
          ) : null}
        </div>
      ) : back ? (
        <p className="rounded-xl border border-border bg-surface px-4 py-3 text-sm text-fg" role="status" data-testid="call-back">
          {t("meetings.breakouts.backToMain")}
        </p>
      ) : null}
      {phase.kind === "joining" || phase.kind === "loading" ? (
        <p className="flex items-center gap-2 text-sm text-fg-muted" role="status">
          <Spinner size="sm" />
          {phase.kind === "joining" ? t("meetings.call.joining") : t("meetings.call.loading")}
        </p>
      ) : null}
      {phase.kind === "embedded" ? (
        <p className="text-sm text-fg-muted" role="status" data-call={phase.call}>
          {t(`meetings.call.state.${phase.call}`)}
        </p>
      ) : null}
      {phase.kind === "error" ? <FormAlert>{phase.message}</FormAlert> : null}
      {phase.kind === "fallback" ? (
        <div className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-5" role="alert">
          <p className="font-medium text-fg">{t("meetings.call.fallbackTitle")}</p>
          <p className="text-sm text-fg-muted">{t("meetings.call.fallbackBody")}</p>
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={phase.link} target="_blank" rel="noopener noreferrer" icon="external" data-testid="call-fallback-link">
              {t("meetings.call.openLink")}
            </ButtonLink>
            <ButtonLink href={backHref} variant="secondary">
              {t("meetings.call.back")}
            </ButtonLink>
          </div>
        </div>
      ) : null}
      <div
        ref={frame}
        className={
          phase.kind === "embedded" || phase.kind === "loading"
            ? "aspect-video w-full overflow-hidden rounded-xl border border-border bg-black"
            : "hidden"
        }
      />
    </div>
  );
}
