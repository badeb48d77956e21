import type { en } from "./en";

/** The shape of the English catalog with every text widened to `string`: other catalogs must match it exactly. */
export type Messages = Widen<typeof en>;
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
