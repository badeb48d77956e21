"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { UserSummary } from "@/lib/accounts/schemas";
import type { ChannelJson, ChannelMemberJson } from "@/lib/chat/schemas";
import { CHANNEL_TYPES } from "@/lib/chat/schemas";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field, FormAlert, Input, RadioCards, Textarea } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import type { ChatMe } from "./chat-utils";
import { apiErrorText } from "@/lib/client/error-text";

/** People search over GET /api/users?q= (debounced). */
function usePeople(query: string, me: string) {
  const [people, setPeople] = useState<UserSummary[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) return setPeople([]);
    const timer = setTimeout(async () => {
      const r = await apiFetch<{ users: UserSummary[] }>(`/api/users?q=${encodeURIComponent(q)}`);
      if (r.ok) setPeople(r.data.users.filter((u) => u.id !== me));
    }, 200);
    return () => clearTimeout(timer);
  }, [query, me]);
  return people;
}

function PeopleResults({ people, onPick, query }: { people: UserSummary[]; onPick: (u: UserSummary) => void; query: string }) {
  const { t } = useI18n();
  if (!query.trim()) return null;
  if (!people.length) return <p className="px-1 py-2 text-sm text-fg-muted">{t("chat.people.none")}</p>;
  return (
    <ul className="mt-1 max-h-56 overflow-y-auto rounded-lg border border-border" data-testid="people-results">
      {people.map((u) => (
        <li key={u.id}>
          <button
            type="button"
            onClick={() => onPick(u)}
            className="flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-surface-2"
            aria-label={t("chat.people.add", { name: u.name })}
          >
            <Avatar user={u} size="sm" />
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium text-fg">{u.name}</span>
              <span className="block truncate text-xs text-fg-muted">@{u.username}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Search and pick people: the search field, the picked people as removable chips, the results. */
function PeoplePicker({
  me,
  picked,
  onChange,
  exclude = [],
  label,
  hint,
  optional,
}: {
  me: string;
  picked: UserSummary[];
  onChange: (people: UserSummary[]) => void;
  exclude?: string[];
  label: string;
  hint: string;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const people = usePeople(query, me);
  return (
    <>
      <Field label={label} hint={hint} optional={optional}>
        <Input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("chat.people.placeholder")} type="search" />
      </Field>
      {picked.length ? (
        <ul className="-mt-2 flex flex-wrap gap-1.5">
          {picked.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
                className="inline-flex items-center gap-1.5 rounded-full bg-accent-soft py-1 pr-2 pl-1 text-xs text-accent-soft-fg"
                aria-label={t("chat.people.remove", { name: p.name })}
              >
                <Avatar user={p} size="xs" /> {p.name} <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <PeopleResults
        query={query}
        people={people.filter((p) => !picked.some((x) => x.id === p.id) && !exclude.includes(p.id))}
        onPick={(u) => {
          onChange([...picked, u]);
          setQuery("");
        }}
      />
    </>
  );
}

export function NewChannelDialog({
  open,
  me,
  onClose,
  onCreated,
}: {
  open: boolean;
  me: ChatMe;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [name, setName] = useState("");
  const [type, setType] = useState<(typeof CHANNEL_TYPES)[number]>("public");
  const [description, setDescription] = useState("");
  const [picked, setPicked] = useState<UserSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const types = CHANNEL_TYPES.filter((x) => x !== "course" || me.role === "instructor");

  async function submit() {
    if (!name.trim()) return setNameError(t("validation.required"));
    setBusy(true);
    setError(null);
    const r = await apiFetch<{ channel: ChannelJson }>("/api/channels", {
      method: "POST",
      body: { name: name.trim(), type, description: description.trim() || undefined, member_ids: picked.map((p) => p.id) },
    });
    setBusy(false);
    if (!r.ok) return setError(apiErrorText(t, r));
    onCreated();
    onClose();
    setName("");
    setDescription("");
    setPicked([]);
    router.push(`/chat/${r.data.channel.slug}`);
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="md"
      title={t("chat.create.title")}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t("chat.create.cancel")}
          </Button>
          <Button type="submit" loading={busy} loadingText={t("chat.create.submitting")}>
            {t("chat.create.submit")}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Field label={t("chat.create.name")} error={nameError}>
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(undefined);
            }}
            placeholder={t("chat.create.namePlaceholder")}
            maxLength={80}
          />
        </Field>
        <RadioCards
          name="channel-type"
          legend={t("chat.create.type")}
          value={type}
          onChange={(v) => setType(v)}
          options={types.map((v) => ({ value: v, label: t(`chat.types.${v}`), description: t(`chat.typeHints.${v}`) }))}
        />
        <Field label={t("chat.create.description")} optional>
          <Textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        </Field>
        <PeoplePicker
          me={me.id}
          picked={picked}
          onChange={setPicked}
          label={t("chat.create.members")}
          hint={t("chat.create.membersHint")}
          optional
        />
      </div>
    </Dialog>
  );
}

/** The owner adds people to an existing channel (course channels: students only, said in the hint). */
export function AddMembersDialog({
  open,
  me,
  channel,
  memberIds,
  onClose,
  onAdded,
}: {
  open: boolean;
  me: ChatMe;
  channel: ChannelJson;
  memberIds: string[];
  onClose: () => void;
  onAdded: (result: { channel: ChannelJson; members: ChannelMemberJson[] }) => void;
}) {
  const { t, plural } = useI18n();
  const [picked, setPicked] = useState<UserSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!picked.length) return setError(t("chat.addMembers.nobody"));
    setBusy(true);
    setError(null);
    const r = await apiFetch<{ channel: ChannelJson; members: ChannelMemberJson[] }>(`/api/channels/${channel.slug}/members`, {
      method: "POST",
      body: { user_ids: picked.map((p) => p.id) },
    });
    setBusy(false);
    if (!r.ok) return setError(apiErrorText(t, r));
    onAdded(r.data);
    setPicked([]);
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="md"
      title={t("chat.addMembers.title", { channel: channel.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t("chat.create.cancel")}
          </Button>
          <Button type="submit" loading={busy} loadingText={t("chat.addMembers.submitting")}>
            {picked.length ? plural("chat.addMembers.submitN", picked.length) : t("chat.addMembers.submit")}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <PeoplePicker
          me={me.id}
          picked={picked}
          onChange={(people) => {
            setPicked(people);
            setError(null);
          }}
          exclude={memberIds}
          label={t("chat.addMembers.people")}
          hint={channel.type === "course" ? t("chat.addMembers.courseHint") : t("chat.create.membersHint")}
        />
      </div>
    </Dialog>
  );
}

export function NewDirectDialog({ open, me, onClose }: { open: boolean; me: ChatMe; onClose: () => void }) {
  const { t } = useI18n();
  const router = useRouter();
  const [query, setQuery] = useState("");
  const people = usePeople(query, me.id);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("chat.direct.title")}
      description={t("chat.direct.description")}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t("chat.direct.cancel")}
        </Button>
      }
    >
      <Field label={t("chat.people.search")}>
        <Input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("chat.people.placeholder")} type="search" />
      </Field>
      <PeopleResults
        query={query}
        people={people}
        onPick={(u) => {
          onClose();
          setQuery("");
          router.push(`/chat/dm/${u.id}`);
        }}
      />
    </Dialog>
  );
}

export function BrowseDialog({
  open,
  channels,
  onClose,
  onJoined,
}: {
  open: boolean;
  channels: ChannelJson[];
  onClose: () => void;
  onJoined: () => void;
}) {
  const { t, plural } = useI18n();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const available = channels.filter((c) => c.type === "public" && !c.is_member);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="md"
      title={t("chat.browse.title")}
      description={t("chat.browse.description")}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t("chat.browse.close")}
        </Button>
      }
    >
      {!available.length ? <p className="text-sm text-fg-muted">{t("chat.browse.empty")}</p> : null}
      <ul className="divide-y divide-border" data-testid="browse-channels">
        {available.map((c) => (
          <li key={c.id} className="flex items-center gap-3 py-2.5">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-fg"># {c.name}</span>
              <span className="block truncate text-xs text-fg-muted">
                {[c.description, plural("chat.browse.members", c.member_count)].filter(Boolean).join(" · ")}
              </span>
            </span>
            <Button
              size="sm"
              variant="secondary"
              loading={busy === c.slug}
              onClick={async () => {
                setBusy(c.slug);
                const r = await apiFetch(`/api/channels/${c.slug}/join`, { method: "POST" });
                setBusy(null);
                if (!r.ok) return;
                onJoined();
                onClose();
                router.push(`/chat/${c.slug}`);
              }}
            >
              {t("chat.browse.join")}
            </Button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
