// Pure text rules of the chat (slugs, @mentions, search syntax): unit-tested, no I/O.
import { slugify as slugifyText } from "@/lib/formats/filename";

/**
 * An `@username` mention (group 1: the name). Not after a letter, digit or `_.@-`, so an address
 * (bob@example.org) is not a mention. Shared by parseMentions and the Markdown renderer.
 */
export const MENTION_PATTERN = String.raw`(?<![\p{L}\p{N}_.@-])@([a-z0-9_.-]{1,40})`;

/** "Algèbre Linéaire — L1!" -> "algebre-lineaire-l1"; the numeric suffix is added on collision. */
export const slugify = (name: string): string => slugifyText(name, "channel");

/** The first free slug among base, base-2, base-3... given the taken ones. */
export function freeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Usernames mentioned as `@username` (lowercased, without duplicates). A trailing dot or dash is
 * read as punctuation ("thanks @alice." mentions alice), and an address (bob@example.org) is
 * not a mention.
 */
export function parseMentions(content: string): string[] {
  const found = new Set<string>();
  for (const m of content.matchAll(new RegExp(MENTION_PATTERN, "giu"))) {
    const name = m[1]!.toLowerCase();
    found.add(name);
    const trimmed = name.replace(/[.-]+$/, "");
    if (trimmed) found.add(trimmed);
  }
  return [...found].filter((n) => n.length >= 3 && n.length <= 32);
}

export interface ParsedSearch {
  /** Lowercased words; each matches as a prefix. */
  terms: string[];
  /** `from:@username`; "me" is the caller. */
  from?: string;
  /** `in:#channel` */
  channel?: string;
  /** `in:@username`: the direct conversation with that user. */
  withUser?: string;
}

const MAX_TERMS = 16;

/** Splits a search box's text into words and the `from:` / `in:` filters. */
export function parseSearchQuery(q: string): ParsedSearch {
  const out: ParsedSearch = { terms: [] };
  const rest: string[] = [];
  for (const word of q.normalize("NFC").split(/\s+/).filter(Boolean)) {
    const from = /^from:@?([a-z0-9_.-]+)$/i.exec(word);
    const inChannel = /^in:#([a-z0-9-]+)$/i.exec(word);
    const inUser = /^in:@([a-z0-9_.-]+)$/i.exec(word);
    if (from) out.from = from[1]!.toLowerCase();
    else if (inChannel) out.channel = inChannel[1]!.toLowerCase();
    else if (inUser) out.withUser = inUser[1]!.toLowerCase();
    else rest.push(word);
  }
  const terms = new Set<string>();
  for (const m of rest
    .join(" ")
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}]+/gu)) {
    if (terms.size >= MAX_TERMS) break;
    terms.add(m[0].slice(0, 64));
  }
  out.terms = [...terms];
  return out;
}

/**
 * PostgreSQL tsquery texts for the terms: `prefix` requires every word, each as a prefix
 * ("sched" finds "schedule"); `exact` (any word as written) ranks whole-word matches higher.
 * Terms hold only letters and digits, so quoting them is safe.
 */
export function tsQueries(terms: string[]): { prefix: string; exact: string } {
  return {
    prefix: terms.map((t) => `'${t}':*`).join(" & "),
    exact: terms.map((t) => `'${t}'`).join(" | "),
  };
}
