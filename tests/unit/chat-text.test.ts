import { describe, expect, it } from "vitest";
import { freeSlug, parseMentions, parseSearchQuery, slugify, tsQueries } from "@/lib/chat/text";

describe("channel slugs", () => {
  it("come from the name: lowercase ASCII, accents dropped, dashes between words", () => {
    expect(slugify("Algèbre Linéaire — L1!")).toBe("algebre-lineaire-l1");
    expect(slugify("  Hello   World  ")).toBe("hello-world");
    expect(slugify("!!!")).toBe("channel");
    expect(slugify("日本語")).toBe("channel");
    expect(slugify("x".repeat(100))).toHaveLength(60);
    expect(slugify(`${"a".repeat(59)} b`)).toBe("a".repeat(59));
  });

  it("get a numeric suffix on collision", () => {
    expect(freeSlug("maths", [])).toBe("maths");
    expect(freeSlug("maths", ["maths"])).toBe("maths-2");
    expect(freeSlug("maths", ["maths", "maths-2", "maths-3"])).toBe("maths-4");
    expect(freeSlug("maths", ["maths-2"])).toBe("maths");
  });
});

describe("@mentions", () => {
  it("finds usernames, lowercased, once each, with trailing punctuation read as punctuation", () => {
    expect(parseMentions("hi @Alice and @bob_1, see @alice.")).toEqual(expect.arrayContaining(["alice", "bob_1"]));
    expect(parseMentions("thanks @carol.")).toContain("carol");
    expect(parseMentions("@first.last is here")).toContain("first.last");
  });

  it("ignores addresses and too-short names", () => {
    expect(parseMentions("write to bob@example.org")).toEqual([]);
    expect(parseMentions("@ab and @")).toEqual([]);
  });
});

describe("search syntax", () => {
  it("splits words from from:/in: filters", () => {
    expect(parseSearchQuery("exam from:@Alice in:#maths-l1 sched")).toEqual({
      terms: ["exam", "sched"],
      from: "alice",
      channel: "maths-l1",
    });
    expect(parseSearchQuery("from:me in:@bob notes")).toEqual({ terms: ["notes"], from: "me", withUser: "bob" });
  });

  it("keeps letters and digits only, so the tsquery text is always safe", () => {
    const parsed = parseSearchQuery("l'examen & (rm -rf) 'quoted' É:*");
    expect(parsed.terms).toEqual(["l", "examen", "rm", "rf", "quoted", "é"]);
    expect(tsQueries(["exam", "sched"])).toEqual({ prefix: "'exam':* & 'sched':*", exact: "'exam' | 'sched'" });
  });
});
