import type { I18n } from "@/lib/i18n/translate";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Icon, type IconName } from "@/components/ui/Icon";

/**
 * What a signed-out visitor sees on `/`: what the product does, and the way in (sign-up, or
 * /signin when accounts come only from school sign-in).
 */
export function Landing({ i18n, signUp = true }: { i18n: I18n; signUp?: boolean }) {
  const { t } = i18n;
  const joinHref = signUp ? "/signup" : "/signin";
  const features: { key: "rooms" | "chat" | "meetings"; icon: IconName }[] = [
    { key: "rooms", icon: "rooms" },
    { key: "chat", icon: "chat" },
    { key: "meetings", icon: "meetings" },
  ];
  return (
    <div className="flex flex-1 flex-col">
      <section className="relative overflow-hidden border-b border-border">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_85%_-10%,color-mix(in_oklab,var(--accent)_16%,transparent),transparent_70%)]"
        />
        <div className="relative mx-auto grid max-w-6xl items-center gap-12 px-4 py-14 sm:px-6 sm:py-20 lg:grid-cols-[1.1fr_1fr] lg:py-24">
          <div>
            <p className="mb-4 inline-flex items-center gap-2 rounded-full border border-border bg-surface px-3 py-1 text-sm font-medium text-fg-muted shadow-card">
              <Icon name="sparkles" size={16} className="text-accent" />
              {t("landing.eyebrow")}
            </p>
            <h1 className="text-4xl leading-tight font-semibold tracking-tight text-fg sm:text-5xl">{t("landing.headline")}</h1>
            <p className="mt-5 max-w-xl text-lg leading-relaxed text-fg-muted">{t("landing.lead")}</p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <ButtonLink href={joinHref} size="lg">
                {t(signUp ? "landing.getStarted" : "nav.signIn")}
                <Icon name="arrowRight" size={18} />
              </ButtonLink>
              {signUp ? (
                <ButtonLink href="/signin" size="lg" variant="secondary">
                  {t("landing.haveAccount")}
                </ButtonLink>
              ) : null}
            </div>
          </div>
          <RoomPreview i18n={i18n} />
        </div>
      </section>

      <section aria-labelledby="features" className="mx-auto w-full max-w-6xl px-4 py-14 sm:px-6 sm:py-20">
        <h2 id="features" className="text-center text-2xl font-semibold tracking-tight text-fg sm:text-3xl">
          {t("landing.featuresTitle")}
        </h2>
        <ul className="mt-10 grid gap-5 md:grid-cols-3">
          {features.map((f) => (
            <li key={f.key} className="rounded-xl border border-border bg-surface p-6 shadow-card">
              <div className="mb-4 grid size-11 place-items-center rounded-lg bg-accent-soft text-accent-soft-fg">
                <Icon name={f.icon} size={22} />
              </div>
              <h3 className="text-lg font-semibold text-fg">{t(`landing.${f.key}.title`)}</h3>
              <p className="mt-2 leading-relaxed text-fg-muted">{t(`landing.${f.key}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="mx-auto mb-16 w-full max-w-6xl px-4 sm:px-6">
        <div className="flex flex-col items-start justify-between gap-6 rounded-2xl bg-[linear-gradient(135deg,#3730a3,#4f46e5_55%,#6366f1)] px-6 py-10 text-white shadow-card sm:flex-row sm:items-center sm:px-10">
          <div>
            <h2 className="text-2xl font-semibold tracking-tight">{t("landing.ctaTitle")}</h2>
            <p className="mt-1 opacity-90">{t("landing.ctaBody")}</p>
          </div>
          <ButtonLink href={joinHref} size="lg" className="bg-white text-indigo-700 shadow-sm hover:bg-indigo-50">
            {t(signUp ? "nav.signUp" : "nav.signIn")}
          </ButtonLink>
        </div>
      </section>
    </div>
  );
}

/** A static picture of a room (video, who is there, the chat) drawn with the real components. */
function RoomPreview({ i18n }: { i18n: I18n }) {
  const { t, plural } = i18n;
  const people = [
    { id: "p1", name: "Amina Diallo" },
    { id: "p2", name: "Lucas Martin" },
    { id: "p3", name: "Chloé Bernard" },
    { id: "p4", name: "Yanis Moreau" },
  ];
  return (
    <figure aria-label={t("landing.preview.label")} className="relative mx-auto w-full max-w-md lg:max-w-none">
      <div className="rounded-2xl border border-border bg-surface p-3 shadow-pop">
        <div className="flex items-center justify-between gap-3 px-2 pt-1 pb-3">
          <div className="min-w-0">
            <p className="truncate text-sm font-semibold text-fg">{t("landing.preview.roomName")}</p>
            <p className="font-mono text-xs text-fg-subtle">{t("landing.preview.code", { code: "k7m2q9xa" })}</p>
          </div>
          <Badge tone="danger" dot>
            {t("landing.preview.live")}
          </Badge>
        </div>
        <div className="relative grid aspect-video place-items-center overflow-hidden rounded-xl bg-[linear-gradient(135deg,#312e81,#4f46e5_45%,#0ea5e9)]">
          <div className="absolute inset-x-0 bottom-0 h-1.5 bg-white/20">
            <div className="h-full w-2/5 bg-white/90" />
          </div>
          <div className="grid size-14 place-items-center rounded-full bg-white/20 text-white backdrop-blur-sm">
            <Icon name="play" size={26} />
          </div>
        </div>
        <div className="flex items-center justify-between gap-3 px-2 pt-3">
          <div className="flex -space-x-1.5">
            {people.map((p) => (
              <Avatar key={p.id} user={p} size="sm" ringed />
            ))}
          </div>
          <p className="text-xs text-fg-muted">{plural("landing.preview.watching", people.length)}</p>
        </div>
        <div className="mt-3 space-y-2 border-t border-border px-2 pt-3 pb-1">
          <div className="flex items-start gap-2">
            <Avatar user={people[1]!} size="xs" />
            <p className="rounded-lg rounded-tl-sm bg-surface-2 px-2.5 py-1.5 text-xs text-fg">{t("landing.preview.message1")}</p>
          </div>
          <div className="flex items-start gap-2">
            <Avatar user={people[0]!} size="xs" />
            <p className="rounded-lg rounded-tl-sm bg-accent-soft px-2.5 py-1.5 text-xs text-accent-soft-fg">
              {t("landing.preview.message2")}
            </p>
          </div>
        </div>
      </div>
    </figure>
  );
}
