"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { QuestionJson } from "@/lib/rooms/class-schemas";
import { ackErrorText } from "@/components/realtime/emit-ack";
import type { RoomEmit, RoomEvent } from "./use-room";
import type { Payload } from "@/lib/realtime/contract";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { cx } from "@/lib/ui/cx";

type Emit = RoomEmit;

/** Questions to the host: open ones first, most upvoted first (the server orders them). */
export function QuestionsPanel({
  questions,
  me,
  isHost,
  disabled,
  muted,
  emit,
  onQuestions,
}: {
  questions: QuestionJson[];
  me: string;
  isHost: boolean;
  disabled: boolean;
  /** Shown above the form while I am muted (asking answers MUTED): the form is disabled meanwhile. */
  muted?: ReactNode;
  emit: Emit;
  onQuestions: (q: QuestionJson[]) => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [draft, setDraft] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  // Anonymous questions carry no author for the others: remember which ones are mine (this tab).
  const [mine, setMine] = useState<Set<string>>(new Set());

  async function run<E extends RoomEvent>(event: E, payload: Omit<Payload<"/rooms", E>, "room_id">) {
    const ack = await emit(event, payload);
    if (!ack.success) toast({ tone: "error", title: ackErrorText(t, ack.code) });
    else if ("questions" in ack) onQuestions(ack.questions);
    return ack;
  }

  async function ask(e: FormEvent) {
    e.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    const ack = await run("ask_question", { content: draft, anonymous });
    setBusy(false);
    if (ack.success && ack.question) {
      setDraft("");
      setMine((s) => new Set(s).add(ack.question!.id));
    }
  }

  return (
    <div className="flex min-h-0 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        {questions.length === 0 ? (
          <EmptyState level={2} icon="chat" title={t("rooms.questions.empty")} description={t("rooms.questions.emptyBody")} />
        ) : (
          <ol className="space-y-2" data-testid="room-questions">
            {questions.map((q) => {
              const upvoted = q.voter_ids.includes(me);
              const own = q.author?.id === me || mine.has(q.id);
              return (
                <li
                  key={q.id}
                  className={cx("flex gap-2 rounded-lg border border-border bg-surface-2 p-2.5", q.status === "answered" && "opacity-70")}
                >
                  <button
                    type="button"
                    disabled={disabled}
                    aria-pressed={upvoted}
                    aria-label={upvoted ? t("rooms.questions.upvoted") : t("rooms.questions.upvote")}
                    onClick={() => void run("upvote_question", { question_id: q.id })}
                    className={cx(
                      "flex h-11 w-10 shrink-0 flex-col items-center justify-center rounded-md border text-xs font-semibold sm:h-10",
                      upvoted ? "border-accent bg-accent-soft text-accent-soft-fg" : "border-border text-fg-muted hover:text-fg",
                    )}
                  >
                    <span aria-hidden>▲</span>
                    {q.votes}
                  </button>
                  <div className="min-w-0 flex-1">
                    <p className="text-sm break-words whitespace-pre-wrap text-fg">{q.content}</p>
                    <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-fg-muted">
                      <span>{q.author ? q.author.name : t("rooms.questions.anonymousAuthor")}</span>
                      {q.anonymous && q.author ? <Badge>{t("rooms.questions.anonymousToOthers")}</Badge> : null}
                      {q.status === "answered" ? <Badge tone="success">{t("rooms.questions.answered")}</Badge> : null}
                      <span className="ml-auto flex items-center gap-1">
                        {isHost && q.status === "open" && !disabled ? (
                          <button
                            type="button"
                            className="rounded px-1 text-accent hover:underline"
                            onClick={() => void run("answer_question", { question_id: q.id })}
                          >
                            {t("rooms.questions.answer")}
                          </button>
                        ) : null}
                        {(own || isHost) && !disabled ? (
                          <button
                            type="button"
                            className="rounded p-1 text-fg-subtle hover:text-danger"
                            aria-label={t("rooms.questions.delete")}
                            onClick={() => void run("delete_question", { question_id: q.id })}
                          >
                            <Icon name="trash" size={14} />
                          </button>
                        ) : null}
                      </span>
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {disabled ? null : muted}
      {disabled ? null : (
        <form onSubmit={ask} className={cx("space-y-2 p-3", muted ? null : "border-t border-border")}>
          <label htmlFor="question-draft" className="sr-only">
            {t("rooms.questions.placeholder")}
          </label>
          <textarea
            id="question-draft"
            rows={2}
            maxLength={500}
            disabled={!!muted}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t("rooms.questions.placeholder")}
            className="w-full resize-none rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-subtle focus-visible:border-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
          />
          <div className="flex items-center justify-between gap-2">
            <label className="flex items-center gap-2 text-xs text-fg-muted">
              <input type="checkbox" checked={anonymous} disabled={!!muted} onChange={(e) => setAnonymous(e.target.checked)} />
              {t("rooms.questions.anonymous")}
            </label>
            <Button type="submit" size="sm" loading={busy} loadingText={t("rooms.questions.asking")} disabled={!!muted || !draft.trim()}>
              {t("rooms.questions.ask")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
