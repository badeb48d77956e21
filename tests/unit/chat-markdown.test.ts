import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement, Fragment } from "react";
import { parseInline, parseMarkdown, renderMarkdown, safeHref } from "@/lib/chat/markdown";

const html = (md: string, me?: string) => renderToStaticMarkup(createElement(Fragment, null, renderMarkdown(md, { me })));

describe("chat markdown", () => {
  it("renders bold, italics, inline code and line breaks", () => {
    expect(html("**bold** and *it* and _it2_ and `a*b*c`\nnext")).toBe(
      '<p class="[&amp;+*]:mt-1"><strong class="font-semibold">bold</strong> and <em>it</em> and <em>it2</em> and <code class="rounded bg-surface-3 px-1 py-0.5 font-mono text-[0.85em]">a*b*c</code><br/>next</p>',
    );
  });

  it("leaves snake_case and lone stars alone", () => {
    expect(parseInline("a snake_case_name and 2 * 3 * 4")).toEqual([{ type: "text", text: "a snake_case_name and 2 * 3 * 4" }]);
  });

  it("shows HTML as text, never as markup", () => {
    const out = html('<script>alert("x")</script> <img src=x onerror=alert(1)>');
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("keeps http, https and mailto links only, opened safely", () => {
    expect(html("[site](https://example.org/a?b=1)")).toContain(
      '<a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer"',
    );
    expect(html("see https://example.org/x.")).toContain('href="https://example.org/x"');
    expect(html("[mail](mailto:a@b.fr)")).toContain('href="mailto:a@b.fr"');
    for (const bad of ["javascript:alert(1)", "data:text/html,hi", "/relative", "vbscript:x", "JaVaScRiPt:alert(1)"]) {
      expect(safeHref(bad)).toBeNull();
      expect(html(`[x](${bad})`)).not.toContain("<a");
    }
  });

  it("renders code blocks verbatim and lists", () => {
    const blocks = parseMarkdown("```\n**not bold** <b>\n```\n- one\n- **two**\n\n1. first\n2. second");
    expect(blocks[0]).toEqual({ type: "codeblock", text: "**not bold** <b>" });
    expect(blocks[1]).toMatchObject({ type: "list", ordered: false, items: [[{ type: "text", text: "one" }], [{ type: "strong" }]] });
    expect(blocks[2]).toMatchObject({ type: "list", ordered: true });
    const out = html("```\n<b>x</b>\n```");
    expect(out).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html("- a\n- b")).toMatch(/^<ul[^>]*><li>a<\/li><li>b<\/li><\/ul>$/);
  });

  it("highlights @mentions, and the viewer's own more strongly", () => {
    expect(parseInline("hi @Alice.Martin. and mail@x.fr")).toEqual([
      { type: "text", text: "hi " },
      { type: "mention", username: "alice.martin" },
      { type: "text", text: ". and mail@x.fr" },
    ]);
    expect(html("@bob", "bob")).toContain('data-mention="bob" class="rounded bg-warning-soft');
    expect(html("@bob", "carol")).toContain("bg-accent-soft");
  });
});
