"use client";

import { useId, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { BreakoutJson } from "@/lib/meetings/breakout-schemas";
import type { MeetingJson } from "@/lib/meetings/schemas";
import { Badge } from "@/components/ui/Badge";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Field, FormAlert, Input, RadioCards, Select } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";
import { actionError } from "./format";

type Mode = "random" | "hand";
type Participant = NonNullable<MeetingJson["participants"]>[number];
interface DraftGroup {
  key: number;
  name: string;
}

/**
 * The owner's breakout groups while the meeting runs: form them at random (N groups) or by hand
 * (named groups, each student assigned), start them, then follow them (their students, a link to
 * visit each call and room) and end them all. The server sends each student to their group.
 */
export function BreakoutsPanel({ meeting, onChanged }: { meeting: MeetingJson; onChanged: () => Promise<void> }) {
  const { t, plural } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const running = meeting.breakouts ?? [];
  const participants = meeting.participants ?? [];

  async function end() {
    setBusy(true);
    const res = await apiFetch(`/api/meetings/${meeting.id}/breakouts`, { method: "DELETE" });
    setBusy(false);
    setConfirmEnd(false);
    if (!res.ok) return toast({ title: actionError(res, t), tone: "error" });
    toast({ title: t("meetings.breakouts.ended"), tone: "success" });
    await onChanged();
  }

  return (
    <Card aria-labelledby="breakouts-title" data-testid="breakouts-panel">
      <CardHeader
        id="breakouts-title"
        title={t("meetings.breakouts.title")}
        description={running.length ? undefined : t("meetings.breakouts.intro")}
        actions={running.length ? <Badge tone="accent">{plural("meetings.breakouts.running", running.length)}</Badge> : undefined}
      />
      <CardBody className="pt-4">
        {running.length ? (
          <>
            <ul className="grid gap-3 sm:grid-cols-2" data-testid="breakout-groups">
              {running.map((group) => (
                <RunningGroup key={group.id} meetingId={meeting.id} group={group} participants={participants} />
              ))}
            </ul>
            <div className="mt-4 flex justify-end border-t border-border pt-4">
              <Button variant="danger" icon="close" onClick={() => setConfirmEnd(true)} data-testid="end-breakouts">
                {t("meetings.breakouts.end")}
              </Button>
            </div>
          </>
        ) : (
          <StartForm meeting={meeting} participants={participants} onStarted={onChanged} />
        )}
      </CardBody>
      <ConfirmDialog
        open={confirmEnd}
        onClose={() => !busy && setConfirmEnd(false)}
        title={t("meetings.breakouts.endTitle")}
        description={t("meetings.breakouts.endBody")}
        confirmLabel={t("meetings.breakouts.end")}
        confirmingLabel={t("meetings.breakouts.ending")}
        danger
        busy={busy}
        onConfirm={end}
      />
    </Card>
  );
}

function RunningGroup({ meetingId, group, participants }: { meetingId: string; group: BreakoutJson; participants: Participant[] }) {
  const { t, plural } = useI18n();
  const names = group.student_ids.map((id) => participants.find((p) => p.student_id === id)?.student.name ?? id);
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-border bg-surface-2/50 p-3" data-testid="breakout-group">
      <div className="min-w-0">
        <div className="flex flex-wrap items-baseline justify-between gap-x-2">
          <h3 className="min-w-0 font-semibold break-words text-fg">{group.name}</h3>
          <span className="text-xs text-fg-subtle">{plural("meetings.breakouts.members", group.student_ids.length)}</span>
        </div>
        <p className="mt-1 text-sm break-words text-fg-muted">{names.length ? names.join(", ") : t("meetings.breakouts.noMembers")}</p>
      </div>
      <div className="mt-auto flex flex-wrap gap-2">
        <ButtonLink
          href={`/meetings/${meetingId}/call?group=${encodeURIComponent(group.id)}`}
          size="sm"
          variant="secondary"
          icon="video"
          aria-label={t("meetings.breakouts.visit", { name: group.name })}
        >
          {t("meetings.breakouts.visitShort")}
        </ButtonLink>
        {group.room_id ? (
          <ButtonLink href={`/rooms/${group.room_id}`} size="sm" variant="ghost" icon="rooms">
            {t("meetings.breakouts.room")}
          </ButtonLink>
        ) : null}
      </div>
    </li>
  );
}

function StartForm({
  meeting,
  participants,
  onStarted,
}: {
  meeting: MeetingJson;
  participants: Participant[];
  onStarted: () => Promise<void>;
}) {
  const { t, plural } = useI18n();
  const toast = useToast();
  const formId = useId();
  const eligible = participants.filter((p) => p.status !== "declined");
  const prefix = t("meetings.breakouts.groupPrefix");
  const [mode, setMode] = useState<Mode>("random");
  const [count, setCount] = useState(String(Math.min(2, Math.max(1, eligible.length))));
  const [groups, setGroups] = useState<DraftGroup[]>([
    { key: 1, name: `${prefix} 1` },
    { key: 2, name: `${prefix} 2` },
  ]);
  // Student id -> group key (0: stays in the main meeting). New students are dealt round the groups.
  const [assigned, setAssigned] = useState<Record<string, number>>({});
  const groupOf = (studentId: string, index: number) => assigned[studentId] ?? groups[index % groups.length]?.key ?? 0;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!eligible.length) return <p className="text-sm text-fg-muted">{t("meetings.breakouts.noStudents")}</p>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    let body: unknown;
    if (mode === "random") body = { count: Number(count), assign: "random", name: prefix };
    else {
      const formed = groups
        .map((g) => ({
          name: g.name.trim() || `${prefix} ${groups.indexOf(g) + 1}`,
          student_ids: eligible.filter((p, i) => groupOf(p.student_id, i) === g.key).map((p) => p.student_id),
        }))
        .filter((g) => g.student_ids.length);
      if (!formed.length) return setError(t("meetings.breakouts.emptyGroups"));
      body = { groups: formed };
    }
    setBusy(true);
    const res = await apiFetch(`/api/meetings/${meeting.id}/breakouts`, { method: "POST", body });
    setBusy(false);
    if (!res.ok) return setError(actionError(res, t));
    toast({ title: t("meetings.breakouts.started"), tone: "success" });
    await onStarted();
  }

  const addGroup = () => {
    const key = Math.max(0, ...groups.map((g) => g.key)) + 1;
    setGroups([...groups, { key, name: `${prefix} ${groups.length + 1}` }]);
  };
  const removeGroup = (key: number) => {
    // Students of a removed group stay where the dealing now puts them, unless placed by hand.
    setGroups(groups.filter((g) => g.key !== key));
    setAssigned(Object.fromEntries(Object.entries(assigned).filter(([, k]) => k !== key)));
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" aria-labelledby="breakouts-title" noValidate>
      <RadioCards
        name={`${formId}-mode`}
        legend={t("meetings.breakouts.mode")}
        value={mode}
        onChange={setMode}
        options={[
          { value: "random", label: t("meetings.breakouts.random") },
          { value: "hand", label: t("meetings.breakouts.byHand") },
        ]}
      />
      {mode === "random" ? (
        <Field label={t("meetings.breakouts.count")} hint={plural("meetings.breakouts.countHint", eligible.length)}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={eligible.length}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            className="max-w-32"
            data-testid="breakout-count"
          />
        </Field>
      ) : (
        <div className="flex flex-col gap-5">
          <ul className="flex flex-col gap-2">
            {groups.map((g, i) => (
              <li key={g.key} className="flex items-center gap-2">
                <Input
                  aria-label={t("meetings.breakouts.groupName", { number: i + 1 })}
                  value={g.name}
                  maxLength={80}
                  onChange={(e) => setGroups(groups.map((x) => (x.key === g.key ? { ...x, name: e.target.value } : x)))}
                />
                {groups.length > 1 ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    icon="trash"
                    aria-label={t("meetings.breakouts.removeGroup", { name: g.name || `${prefix} ${i + 1}` })}
                    onClick={() => removeGroup(g.key)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
          <div>
            <Button variant="secondary" size="sm" icon="plus" onClick={addGroup} disabled={groups.length >= 50}>
              {t("meetings.breakouts.addGroup")}
            </Button>
          </div>
          <ul className="flex flex-col divide-y divide-border rounded-lg border border-border">
            {eligible.map((p, i) => (
              <li key={p.student_id} className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:justify-between">
                <span className="min-w-0 text-sm font-medium break-words text-fg">{p.student.name}</span>
                <div className="sm:w-56 sm:shrink-0">
                  <Select
                    aria-label={t("meetings.breakouts.assign", { name: p.student.name })}
                    value={groupOf(p.student_id, i)}
                    onChange={(e) => setAssigned({ ...assigned, [p.student_id]: Number(e.target.value) })}
                  >
                    {groups.map((g, gi) => (
                      <option key={g.key} value={g.key}>
                        {g.name || `${prefix} ${gi + 1}`}
                      </option>
                    ))}
                    <option value={0}>{t("meetings.breakouts.mainMeeting")}</option>
                  </Select>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error ? <FormAlert>{error}</FormAlert> : null}
      <div className="flex justify-end">
        <Button type="submit" icon="users" loading={busy} loadingText={t("meetings.breakouts.starting")} data-testid="start-breakouts">
          {t("meetings.breakouts.start")}
        </Button>
      </div>
    </form>
  );
}
