"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { ChatMessageJson } from "@/lib/chat/schemas";
import { cx } from "@/lib/ui/cx";
import { Avatar } from "@/components/ui/Avatar";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { targetHref } from "./chat-utils";
import { apiErrorText } from "@/lib/client/error-text";

type Hit = ChatMessageJson & {
  context:
    | { type: "channel"; channel: string; channel_name: string }
    | { type: "direct"; conversation: string; with: { id: string; name: string } };
};

/** The words of a query without its filters (from:, in:), for highlighting. */
export function searchTerms(q: string): string[] {
  return q
    .split(/\s+/)
    .filter((w) => w && !/^(from|in):/i.test(w))
    .flatMap((w) => w.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function highlight(text: string, terms: string[]): ReactNode {
  if (!terms.length) return text;
  const re = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})[\\p{L}\\p{N}]*`, "giu");
  const out: ReactNode[] = [];
  let pos = 0;
  for (const m of text.matchAll(re)) {
    out.push(text.slice(pos, m.index));
    out.push(
      <mark key={m.index} className="rounded bg-warning-soft px-0.5 text-warning-soft-fg">
        {m[0]}
      </mark>,
    );
    pos = m.index! + m[0].length;
  }
  out.push(text.slice(pos));
  return out;
}

/** Search in the chat header: GET /api/search, results in a panel under the box. */
export function SearchBox({ className }: { className?: string }) {
  const { t, plural, formatDate } = useI18n();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<{ q: string; hits: Hit[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!results && !error) return;
    const onDown = (e: MouseEvent) => !box.current?.contains(e.target as Node) && close();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [results, error]);

  function close() {
    setResults(null);
    setError(null);
  }

  async function run(e?: FormEvent, before?: string) {
    e?.preventDefault();
    const query = q.trim();
    if (!query) return;
    setBusy(true);
    const params = new URLSearchParams({ q: query, limit: "20" });
    if (before) params.set("before", before);
    const r = await apiFetch<{ messages: Hit[]; next_cursor: string | null }>(`/api/search?${params}`);
    setBusy(false);
    if (!r.ok) {
      setResults(null);
      return setError(apiErrorText(t, r));
    }
    setError(null);
    setResults((prev) => ({
      q: query,
      hits: before && prev ? [...prev.hits, ...r.data.messages] : r.data.messages,
      next: r.data.next_cursor,
    }));
  }

  const terms = results ? searchTerms(results.q) : [];
  return (
    <div ref={box} className={cx("relative", className)}>
      <form onSubmit={run} role="search">
        <label htmlFor="chat-search" className="sr-only">
          {t("chat.search.label")}
        </label>
        <div className="relative">
          <Icon name="search" size={18} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-fg-subtle" />
          <input
            id="chat-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t("chat.search.placeholder")}
            aria-describedby="chat-search-hint"
            className="h-11 w-full rounded-lg border border-border-strong bg-surface pr-3 pl-10 text-sm text-fg placeholder:text-fg-subtle focus-visible:border-accent focus-visible:ring-2 focus-visible:ring-accent/40 focus-visible:outline-none sm:h-10"
          />
        </div>
        <p id="chat-search-hint" className="sr-only">
          {t("chat.search.hint")}
        </p>
      </form>
      {results || error || busy ? (
        <div
          className="absolute top-full right-0 z-30 mt-2 w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-border bg-surface shadow-pop"
          data-testid="search-results"
        >
          <div className="flex items-center justify-between border-b border-border px-4 py-2 text-xs text-fg-muted">
            <span>{results ? plural("chat.search.results", results.hits.length) : busy ? "" : ""}</span>
            <button type="button" onClick={close} className="grid size-8 place-items-center rounded-md hover:bg-surface-2">
              <Icon name="close" size={16} label={t("chat.search.close")} />
            </button>
          </div>
          <p className="border-b border-border px-4 py-2 text-xs text-fg-muted">{t("chat.search.hint")}</p>
          {error ? (
            <p className="px-4 py-3 text-sm text-danger" role="alert">
              {error}
            </p>
          ) : null}
          {busy && !results ? (
            <div className="flex justify-center p-4">
              <Spinner size="sm" />
            </div>
          ) : null}
          {results && !results.hits.length ? <p className="px-4 py-3 text-sm text-fg-muted">{t("chat.search.none")}</p> : null}
          <ul className="max-h-[60vh] overflow-y-auto">
            {results?.hits.map((h) => {
              const href =
                h.context.type === "channel"
                  ? h.thread_id
                    ? // A reply: its root in the timeline, and the thread open on the reply.
                      `${targetHref({ kind: "channel", slug: h.context.channel }, h.thread_id)}&thread=${encodeURIComponent(h.thread_id)}&reply=${encodeURIComponent(h.id)}`
                    : targetHref({ kind: "channel", slug: h.context.channel }, h.id)
                  : targetHref({ kind: "dm", userId: h.from === h.context.with.id ? h.from : h.context.with.id }, h.id);
              return (
                <li key={h.id}>
                  <Link href={href} onClick={close} className="flex gap-3 px-4 py-2.5 hover:bg-surface-2">
                    <Avatar user={h.author} size="sm" />
                    <span className="min-w-0 flex-1">
                      <span className="flex items-baseline gap-2 text-xs text-fg-muted">
                        <span className="font-semibold text-fg">{h.author.name}</span>
                        <span>
                          {h.context.type === "channel"
                            ? t("chat.search.inChannel", { channel: h.context.channel_name })
                            : t("chat.search.withUser", { name: h.context.with.name })}
                        </span>
                        <span className="ml-auto shrink-0">{formatDate(h.created_at, "dateTime")}</span>
                      </span>
                      <span className="line-clamp-3 text-sm break-words text-fg">{highlight(h.content ?? "", terms)}</span>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
          {results?.next ? (
            <button
              type="button"
              className="w-full border-t border-border px-4 py-2 text-sm font-medium text-accent hover:bg-surface-2"
              onClick={() => void run(undefined, results.next!)}
            >
              {t("chat.search.more")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
