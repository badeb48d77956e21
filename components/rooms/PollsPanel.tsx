"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/client";
import { MAX_POLL_OPTIONS, type PollJson } from "@/lib/rooms/class-schemas";
import { ackErrorText } from "@/components/realtime/emit-ack";
import type { RoomEmit } from "./use-room";
import { Badge } from "@/components/ui/Badge";
import { Button, buttonClasses } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Input } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { cx } from "@/lib/ui/cx";

type Emit = RoomEmit;

/** Polls of the room: the host opens and closes them, everyone votes; bars move live. */
export function PollsPanel({
  polls,
  isHost,
  disabled,
  emit,
  onPoll,
}: {
  polls: PollJson[];
  isHost: boolean;
  disabled: boolean;
  emit: Emit;
  onPoll: (poll: PollJson) => void;
}) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const newestFirst = [...polls].reverse().sort((a, b) => Number(a.status === "closed") - Number(b.status === "closed"));
  return (
    <div className="flex min-h-0 flex-col">
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto p-3" data-testid="room-polls">
        {isHost && !disabled ? (
          creating ? (
            <NewPoll emit={emit} onDone={(poll) => (poll && onPoll(poll), setCreating(false))} />
          ) : (
            <Button size="sm" variant="secondary" icon="plus" block onClick={() => setCreating(true)}>
              {t("rooms.polls.new")}
            </Button>
          )
        ) : null}
        {polls.length === 0 && !creating ? (
          <EmptyState
            level={2}
            icon="sparkles"
            title={t("rooms.polls.empty")}
            description={isHost ? t("rooms.polls.emptyHost") : t("rooms.polls.emptyBody")}
          />
        ) : (
          newestFirst.map((p) => <PollCard key={p.id} poll={p} isHost={isHost} disabled={disabled} emit={emit} onPoll={onPoll} />)
        )}
      </div>
    </div>
  );
}

function NewPoll({ emit, onDone }: { emit: Emit; onDone: (poll?: PollJson) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState(["", ""]);
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const filled = options.map((o) => o.trim()).filter(Boolean);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ack = await emit("create_poll", { question, options: filled, multiple, anonymous });
    setBusy(false);
    if (ack.success) onDone(ack.poll);
    else toast({ tone: "error", title: ackErrorText(t, ack.code) });
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg border border-border bg-surface-2 p-3" data-testid="new-poll">
      <label className="block text-xs font-medium text-fg-muted" htmlFor="poll-question">
        {t("rooms.polls.question")}
      </label>
      <Input
        id="poll-question"
        value={question}
        maxLength={300}
        placeholder={t("rooms.polls.questionPlaceholder")}
        onChange={(e) => setQuestion(e.target.value)}
      />
      {options.map((o, i) => (
        <div key={i} className="flex items-center gap-1">
          <Input
            aria-label={t("rooms.polls.option", { n: i + 1 })}
            placeholder={t("rooms.polls.option", { n: i + 1 })}
            value={o}
            maxLength={120}
            name={`poll-option-${i}`}
            onChange={(e) => setOptions((list) => list.map((x, j) => (j === i ? e.target.value : x)))}
          />
          {options.length > 2 ? (
            <button
              type="button"
              className="rounded p-2 text-fg-subtle hover:text-danger"
              aria-label={t("rooms.polls.removeOption", { n: i + 1 })}
              onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}
            >
              <Icon name="close" size={16} />
            </button>
          ) : null}
        </div>
      ))}
      {options.length < MAX_POLL_OPTIONS ? (
        <button type="button" className="text-sm text-accent hover:underline" onClick={() => setOptions((list) => [...list, ""])}>
          + {t("rooms.polls.addOption")}
        </button>
      ) : null}
      <label className="flex items-center gap-2 text-sm text-fg">
        <input
          type="checkbox"
          checked={multiple}
          onChange={(e) => setMultiple(e.target.checked)}
          className="accent-[var(--color-accent)]"
        />
        {t("rooms.polls.multiple")}
      </label>
      <label className="flex items-center gap-2 text-sm text-fg">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
          className="accent-[var(--color-accent)]"
        />
        {t("rooms.polls.anonymous")}
      </label>
      <div className="flex justify-end gap-2">
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone()}>
          {t("rooms.polls.cancel")}
        </Button>
        <Button
          type="submit"
          size="sm"
          loading={busy}
          loadingText={t("rooms.polls.creating")}
          disabled={!question.trim() || filled.length < 2}
        >
          {t("rooms.polls.create")}
        </Button>
      </div>
    </form>
  );
}

function PollCard({
  poll,
  isHost,
  disabled,
  emit,
  onPoll,
}: {
  poll: PollJson;
  isHost: boolean;
  disabled: boolean;
  emit: Emit;
  onPoll: (p: PollJson) => void;
}) {
  const { t, plural } = useI18n();
  const toast = useToast();
  const [choice, setChoice] = useState<string[]>(poll.my_vote ?? []);
  const [editing, setEditing] = useState(!poll.my_vote);
  const canVote = poll.status === "open" && !disabled && (editing || !poll.my_vote);

  async function send(event: "vote" | "close_poll") {
    const ack =
      event === "vote" ? await emit("vote", { poll_id: poll.id, option_ids: choice }) : await emit("close_poll", { poll_id: poll.id });
    if (!ack.success) return toast({ tone: "error", title: ackErrorText(t, ack.code) });
    onPoll(ack.poll);
    if (event === "vote") setEditing(false);
  }

  return (
    <article className="rounded-lg border border-border bg-surface p-3" data-testid="poll" aria-label={poll.question}>
      <div className="mb-2 flex items-start gap-2">
        <h3 className="min-w-0 flex-1 text-sm font-semibold break-words text-fg">{poll.question}</h3>
        <Badge tone={poll.status === "open" ? "success" : "neutral"}>{t(`rooms.polls.${poll.status}`)}</Badge>
      </div>
      <ul className="space-y-1.5">
        {poll.options.map((o) => {
          const share = poll.total_voters ? Math.round((o.votes / poll.total_voters) * 100) : 0;
          const chosen = choice.includes(o.id);
          return (
            <li key={o.id}>
              <label
                className={cx(
                  "relative block overflow-hidden rounded-md border px-2 py-1.5 text-sm",
                  chosen ? "border-accent" : "border-border",
                  canVote && "cursor-pointer",
                )}
              >
                <span
                  className="absolute inset-y-0 left-0 bg-accent-soft transition-[width] duration-500"
                  style={{ width: `${share}%` }}
                  aria-hidden
                />
                <span className="relative flex items-center gap-2">
                  {canVote ? (
                    <input
                      type={poll.multiple ? "checkbox" : "radio"}
                      name={`poll-${poll.id}`}
                      checked={chosen}
                      onChange={(e) =>
                        setChoice((c) => (poll.multiple ? (e.target.checked ? [...c, o.id] : c.filter((x) => x !== o.id)) : [o.id]))
                      }
                    />
                  ) : poll.my_vote?.includes(o.id) ? (
                    <Icon name="check" size={14} className="text-accent" />
                  ) : null}
                  <span className="min-w-0 flex-1 break-words text-fg">{o.text}</span>
                  <span className="font-mono text-xs text-fg-muted">
                    {o.votes} · {share}%
                  </span>
                </span>
                {o.voters?.length ? (
                  <span className="relative mt-0.5 block truncate text-xs text-fg-muted">
                    {t("rooms.polls.namesOf", { names: o.voters.map((v) => v.name).join(", ") })}
                  </span>
                ) : null}
              </label>
            </li>
          );
        })}
      </ul>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-fg-muted">
        <span data-testid="poll-voters">{plural("rooms.polls.voters", poll.total_voters)}</span>
        {poll.anonymous ? <Badge>{t("rooms.polls.anonymousBadge")}</Badge> : null}
        <span className="ml-auto flex gap-1">
          {canVote ? (
            <Button size="sm" disabled={!choice.length} onClick={() => void send("vote")}>
              {t("rooms.polls.vote")}
            </Button>
          ) : poll.status === "open" && poll.my_vote && !disabled ? (
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              {t("rooms.polls.changeVote")}
            </Button>
          ) : null}
          {isHost && poll.status === "open" && !disabled ? (
            <Button size="sm" variant="secondary" onClick={() => void send("close_poll")}>
              {t("rooms.polls.close")}
            </Button>
          ) : null}
          {isHost ? (
            <a href={`/api/polls/${poll.id}/results?format=csv`} download className={buttonClasses({ variant: "ghost", size: "sm" })}>
              {t("rooms.polls.export")}
            </a>
          ) : null}
        </span>
      </div>
    </article>
  );
}
