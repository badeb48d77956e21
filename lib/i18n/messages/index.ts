import type { Locale } from "../config";
import { en } from "./en";
import { fr } from "./fr";

/** A plural entry: Intl.PluralRules categories; `other` is always required. */
export type PluralEntry = { readonly one?: string; readonly other: string } & Partial<Record<"zero" | "two" | "few" | "many", string>>;

export type { Messages } from "./messages-type";
import type { Messages } from "./messages-type";

type IsPlural<T> = T extends { other: string } ? true : false;

/** Dotted keys of plain texts ("auth.signIn.title"). */
type TextKeys<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : IsPlural<T[K]> extends true ? never : TextKeys<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Dotted keys of plural entries. */
type PluralKeys<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? never : IsPlural<T[K]> extends true ? `${P}${K}` : PluralKeys<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = TextKeys<typeof en>;
export type PluralKey = PluralKeys<typeof en>;

type At<T, K extends string> = K extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? At<T[Head], Rest>
    : never
  : K extends keyof T
    ? T[K]
    : never;

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type EntryPlaceholders<E> = E extends string ? Placeholders<E> : { [C in keyof E]: Placeholders<E[C]> }[keyof E];

/** The variables a key needs, read from its English text: `t("home.greeting", { name })`. */
/** Keys whose text needs no variables: safe to hold in data (`label: PlainKey`) and call as t(key). */
export type PlainKey = { [K in MessageKey]: [EntryPlaceholders<At<typeof en, K>>] extends [never] ? K : never }[MessageKey];

export type Vars<K extends string> = Record<EntryPlaceholders<At<typeof en, K>>, string | number>;
export type VarsArg<K extends string> = [EntryPlaceholders<At<typeof en, K>>] extends [never] ? [] : [vars: Vars<K>];

export const catalogs: Record<Locale, Messages> = { en, fr };
