"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { UserSummary } from "@/lib/accounts/schemas";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import { Avatar } from "@/components/ui/Avatar";
import { Field, Input } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { cx } from "@/lib/ui/cx";

const SEARCH_DELAY_MS = 200;
const RESULTS = 8;

type Search = { state: "idle" } | { state: "loading" } | { state: "done"; users: UserSummary[] } | { state: "failed" };

/**
 * Pick several students: a combobox searching GET /api/users?q=&role=student (name or username),
 * the chosen ones as chips that can be removed. Keyboard: arrows move, Enter picks, Escape closes.
 */
export function StudentPicker({
  value,
  onChange,
  error,
}: {
  value: UserSummary[];
  onChange: (next: UserSummary[]) => void;
  error?: string;
}) {
  const { t, plural } = useI18n();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const chosen = new Set(value.map((u) => u.id));
  const q = query.trim();

  useEffect(() => {
    if (!q) {
      setSearch({ state: "idle" });
      return;
    }
    const controller = new AbortController();
    setSearch({ state: "loading" });
    const timer = setTimeout(async () => {
      const res = await apiFetch<{ users: UserSummary[] }>(`/api/users?role=student&limit=${RESULTS}&q=${encodeURIComponent(q)}`, {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      setSearch(res.ok ? { state: "done", users: res.data.users } : { state: "failed" });
      setActive(0);
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const results = search.state === "done" ? search.users : [];
  const showList = open && q.length > 0;

  function pick(user: UserSummary) {
    if (!chosen.has(user.id)) onChange([...value, user]);
    setQuery("");
    setOpen(false);
    inputRef.current?.focus();
  }

  function remove(user: UserSummary) {
    onChange(value.filter((u) => u.id !== user.id));
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (results.length) setActive((i) => (i + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length);
    } else if (e.key === "Enter") {
      // Enter picks; it never submits the form from here.
      e.preventDefault();
      const user = results[active];
      if (showList && user) pick(user);
    } else if (e.key === "Escape" && showList) {
      e.preventDefault();
      setOpen(false);
    } else if (e.key === "Backspace" && !query && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  const activeId = showList && results[active] ? `${listId}-${results[active]!.id}` : undefined;

  return (
    <div className="flex flex-col gap-3">
      <Field label={t("meetings.form.students")} hint={t("meetings.form.studentsHint")} error={error} optional>
        <div className="relative">
          <Icon name="search" size={18} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-fg-subtle" />
          <Input
            ref={inputRef}
            type="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={activeId}
            autoComplete="off"
            spellCheck={false}
            placeholder={t("meetings.form.searchPlaceholder")}
            className="pl-10"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
            data-testid="student-search"
          />
          {showList ? (
            <div className="absolute inset-x-0 top-full z-20 mt-1.5 overflow-hidden rounded-xl border border-border bg-surface shadow-pop">
              {search.state === "loading" ? (
                <p className="flex items-center gap-2 px-3 py-3 text-sm text-fg-muted">
                  <Spinner size="sm" />
                  {t("meetings.form.searching")}
                </p>
              ) : search.state === "failed" ? (
                <p className="px-3 py-3 text-sm text-danger-text">{t("meetings.form.searchFailed")}</p>
              ) : results.length === 0 ? (
                <p className="px-3 py-3 text-sm text-fg-muted">{t("meetings.form.noMatch", { query: q })}</p>
              ) : null}
              <ul
                id={listId}
                role="listbox"
                aria-label={t("meetings.form.students")}
                className={cx("max-h-72 overflow-y-auto py-1", !results.length && "hidden")}
              >
                {results.map((user, i) => {
                  const already = chosen.has(user.id);
                  return (
                    <li
                      key={user.id}
                      id={`${listId}-${user.id}`}
                      role="option"
                      aria-selected={i === active}
                      aria-disabled={already || undefined}
                      // mousedown, not click: the input's blur would close the list first.
                      onMouseDown={(e) => {
                        e.preventDefault();
                        if (!already) pick(user);
                      }}
                      onMouseEnter={() => setActive(i)}
                      className={cx(
                        "flex min-h-11 cursor-pointer items-center gap-3 px-3 py-2",
                        i === active && "bg-surface-2",
                        already && "cursor-default opacity-60",
                      )}
                    >
                      <Avatar user={user} size="sm" />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate text-sm font-medium text-fg">{user.name}</span>
                        <span className="block truncate text-xs text-fg-subtle">@{user.username}</span>
                      </span>
                      {already ? (
                        <span className="flex items-center gap-1 text-xs text-fg-subtle">
                          <Icon name="check" size={16} />
                          {t("meetings.form.alreadyInvited")}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
        </div>
      </Field>

      <div>
        <p className="mb-2 text-sm text-fg-muted" aria-live="polite" data-testid="invited-count">
          {value.length ? plural("meetings.form.selected", value.length) : t("meetings.form.noneSelected")}
        </p>
        {value.length ? (
          <ul className="flex flex-wrap gap-2" aria-label={t("meetings.form.students")}>
            {value.map((user) => (
              <li
                key={user.id}
                className="flex items-center gap-2 rounded-full border border-border-strong bg-surface-2 py-1 pr-1 pl-1 text-sm text-fg"
                data-testid={`chip-${user.username}`}
              >
                <Avatar user={user} size="xs" />
                <span className="max-w-48 truncate">{user.name}</span>
                <button
                  type="button"
                  onClick={() => remove(user)}
                  className="grid size-7 place-items-center rounded-full text-fg-subtle hover:bg-surface-3 hover:text-fg"
                  aria-label={t("meetings.form.remove", { name: user.name })}
                >
                  <Icon name="close" size={14} />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
