import { describe, expect, it } from "vitest";
import { DeleteMeBody, RegisterBody, UpdateMeBody } from "@/lib/accounts/schemas";
import { CreateMeetingBody } from "@/lib/meetings/schemas";
import { serverFieldErrors, zodFieldErrors } from "@/lib/forms/messages";
import { negotiateLocale, validTimeZone } from "@/lib/i18n/config";
import { catalogs } from "@/lib/i18n/messages";
import { createI18n } from "@/lib/i18n/translate";

/** Every text of a catalog by dotted key. */
function flatten(node: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (typeof v === "string") out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogs", () => {
  const en = flatten(catalogs.en);
  const fr = flatten(catalogs.fr);

  it("have the same keys (the typecheck enforces it; this guards the plural entries too)", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it("use the same {placeholders} in every language", () => {
    for (const key of Object.keys(en)) expect(placeholders(fr[key]!), key).toEqual(placeholders(en[key]!));
  });

  it("have no empty texts, and French ones are translated", () => {
    for (const [key, text] of Object.entries({ ...en, ...fr })) expect(text.trim(), key).not.toBe("");
    // Texts that are the same word in both languages.
    const identical = [
      "common.appName",
      "admin.nav",
      "admin.title",
      "common.characters",
      "language.en",
      "language.fr",
      "toast.region",
      "profile.bio",
      "landing.preview.code",
      "rooms.list.participants.one",
      "rooms.list.participants.other",
      "rooms.modes.photos",
      "rooms.modes.youtube",
      "rooms.header.code",
      "rooms.panels.notes",
      "rooms.youtube.urlPlaceholder",
      "chat.sidebar.label",
      "chat.types.public",
      "chat.create.type",
      "chat.create.description",
      "profile.tokens.scope.admin",
      "nav.webhooks",
      "webhooks.title",
      "webhooks.log.response",
    ];
    identical.push(
      ...["meetings.minutes.one", "meetings.minutes.other", "meetings.minutesShort", "meetings.timeRange", "meetings.detail.minutes"],
      ...[
        "meetings.detail.notYet",
        "meetings.detail.date",
        "meetings.detail.description",
        "meetings.form.description",
        "meetings.form.minutesUnit",
      ],
      ...["meetings.detail.notes.one", "meetings.detail.notes.other", "meetings.student.invitations", "home.meetings.invitation"],
      // The course register: a dash, minutes, one-letter codes, two names.
      ...["register.noPercentage", "register.minutes", "register.short.present", "register.short.absent", "register.short.excused"],
      "register.status.absent",
      "register.override.description",
    );
    const same = Object.keys(en).filter((k) => en[k] === fr[k] && !identical.includes(k));
    expect(same).toEqual([]);
  });
});

describe("translate", () => {
  it("fills placeholders with locale-formatted numbers, and picks plural forms per language", () => {
    expect(createI18n("en").t("home.greeting", { name: "Ada" })).toBe("Hello, Ada");
    expect(createI18n("en").plural("landing.preview.watching", 1)).toBe("1 person watching");
    expect(createI18n("en").plural("landing.preview.watching", 1200)).toBe("1,200 people watching");
    // French: 0 and 1 are singular.
    expect(createI18n("fr").plural("landing.preview.watching", 0)).toBe("0 personne regarde");
    expect(createI18n("fr").plural("landing.preview.watching", 2)).toBe("2 personnes regardent");
  });

  it("formats dates in the locale and the given time zone", () => {
    const at = "2026-03-05T23:30:00Z";
    expect(createI18n("en", "UTC").formatDate(at, "dateLong")).toBe("March 5, 2026");
    expect(createI18n("fr", "Europe/Paris").formatDate(at, "dateLong")).toBe("6 mars 2026");
    expect(createI18n("fr", "Europe/Paris").formatDate(at, "time")).toBe("00:30");
    expect(createI18n("en").formatRelative("2026-03-05T10:00:00Z", "2026-03-05T12:00:00Z")).toBe("2 hours ago");
    expect(createI18n("fr").formatRelative("2026-03-07T12:00:00Z", "2026-03-05T12:00:00Z")).toBe("après-demain");
  });
});

describe("locale negotiation", () => {
  it("takes the best supported language of Accept-Language", () => {
    expect(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.5,fr;q=0.4")).toBe("en");
    expect(negotiateLocale("en;q=0.2, fr;q=0.7")).toBe("fr");
    expect(negotiateLocale("de, es")).toBeNull();
    expect(negotiateLocale("fr;q=0")).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
  });

  it("accepts only real time zones", () => {
    expect(validTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(validTimeZone("Mars/Olympus")).toBeUndefined();
    expect(validTimeZone("")).toBeUndefined();
  });
});

describe("form messages", () => {
  const fr = createI18n("fr").t;

  it("localize the shared schemas' errors from their issue codes", () => {
    const result = RegisterBody.safeParse({ email: "nope", username: "a b", password: "short" });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!, fr)).toEqual({
      email: "Saisissez une adresse e-mail valide",
      username: "Uniquement des lettres, chiffres, points, tirets et tirets bas",
      password: "Au moins 8 caractères",
    });
    const update = UpdateMeBody.safeParse({ new_password: "long enough password" });
    expect(zodFieldErrors(update.error!, fr)).toEqual({ current_password: "Saisissez votre mot de passe actuel pour le changer" });
    expect(zodFieldErrors(DeleteMeBody.safeParse({ password: "" }).error!, fr)).toEqual({ password: "Ce champ est obligatoire" });
  });

  it("localize the meetings schema: numbers, whole minutes, dates", () => {
    const bad = CreateMeetingBody.safeParse({ title: "x", scheduled_date: "tomorrow", duration: 0 });
    expect(zodFieldErrors(bad.error!, fr)).toEqual({
      scheduled_date: "Choisissez une date et une heure",
      duration: "Doit être au moins 1",
    });
    const big = CreateMeetingBody.safeParse({ title: "x", scheduled_date: "2030-01-01T10:00:00Z", duration: 1.5 });
    expect(zodFieldErrors(big.error!, fr)).toEqual({ duration: "Saisissez un nombre entier" });
    const huge = CreateMeetingBody.safeParse({ title: "x", scheduled_date: "2030-01-01T10:00:00Z", duration: 5000 });
    const n1440 = new Intl.NumberFormat("fr").format(1440); // "1 440" with a narrow no-break space
    expect(zodFieldErrors(huge.error!, fr)).toEqual({ duration: `Doit être au plus ${n1440}` });
    expect(
      serverFieldErrors(
        {
          scheduled_date: ["Must not be in the past"],
          duration: ["Must be at most 1440 minutes (24 hours)"],
          title: ["Must be at least 1 minute"],
        },
        fr,
      ),
    ).toEqual({
      scheduled_date: "Choisissez un horaire qui n’est pas passé",
      duration: `Doit être au plus ${n1440}`,
      title: "Doit être au moins 1",
    });
  });

  it("translate the API's known detail sentences and keep unknown ones", () => {
    expect(
      serverFieldErrors(
        {
          email: ["Already registered"],
          username: ["Already taken"],
          password: ["Must be at least 8 characters"],
          other: ["Something new"],
        },
        fr,
      ),
    ).toEqual({
      email: "Un compte utilise déjà cet e-mail",
      username: "Ce nom d’utilisateur est déjà pris",
      password: "Au moins 8 caractères",
      other: "Something new",
    });
  });
});
