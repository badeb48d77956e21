// A small Markdown subset for chat messages: markdown-it parses (CommonMark's rules for emphasis,
// code spans, fences, lists and links), and its tokens become our own tree, rendered as React
// elements. Text only ever becomes React text children (escaped by React): no raw HTML reaches
// the page (markdown-it's `html` is off, and its output string is never used), and links keep
// only http, https and mailto targets.
import MarkdownIt from "markdown-it";
import { createElement, Fragment, type ReactNode } from "react";
import { MENTION_PATTERN } from "./text";

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "mention"; username: string }
  | { type: "br" };

export type Block =
  { type: "paragraph"; children: Inline[] } | { type: "codeblock"; text: string } | { type: "list"; ordered: boolean; items: Inline[][] };

/** The link target if it is http(s) or mailto, else null (javascript:, data:, relative...). */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (/[\s<>"]/.test(href)) return null;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(href)) return href;
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// The chat's subset: paragraphs, line breaks, **strong**, *em*/_em_, `code`, fences, lists, links
// and bare http(s) URLs. Headings, quotes, tables, images, HTML, entities and indented code stay text.
const md = new MarkdownIt("commonmark", { html: false, linkify: true, breaks: true, maxNesting: 20 })
  .disable(["heading", "lheading", "blockquote", "hr", "code", "html_block", "html_inline", "reference", "image", "entity"])
  .enable(["linkify"]);
// Bare URLs only with their scheme: no "example.org" or "a@b.fr" guessed into links.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false }).add("ftp:", null).add("//", null);
// A link to anything else is not a link at all: its source stays text.
md.validateLink = (url) => safeHref(url) !== null;

type Token = ReturnType<typeof md.parse>[number];

const MENTION = new RegExp(MENTION_PATTERN, "giu");

/** Text with its @mentions: a trailing dot or dash is punctuation, names under 3 characters are text. */
function withMentions(text: string, out: Inline[]) {
  let pos = 0;
  for (const m of text.matchAll(MENTION)) {
    const username = m[1]!.toLowerCase().replace(/[.-]+$/, "");
    if (username.length < 3) continue;
    pushText(out, text.slice(pos, m.index));
    out.push({ type: "mention", username });
    pos = m.index + 1 + username.length;
  }
  pushText(out, text.slice(pos));
}

function pushText(out: Inline[], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === "text") last.text += text;
  else out.push({ type: "text", text });
}

/** markdown-it's inline tokens as our tree. */
function toInlines(tokens: Token[]): Inline[] {
  const root: Inline[] = [];
  const stack: { out: Inline[]; link: boolean }[] = [{ out: root, link: false }];
  let text = "";
  const flush = () => {
    const top = stack[stack.length - 1]!;
    if (top.link) pushText(top.out, text);
    else withMentions(text, top.out);
    text = "";
  };
  const open = (node: Extract<Inline, { children: Inline[] }>, link = false) => {
    flush();
    stack[stack.length - 1]!.out.push(node);
    stack.push({ out: node.children, link: link || stack[stack.length - 1]!.link });
  };
  const close = () => {
    flush();
    if (stack.length > 1) stack.pop();
  };
  for (const t of tokens) {
    switch (t.type) {
      case "text":
      case "text_special":
        text += t.content;
        break;
      case "softbreak":
      case "hardbreak":
        flush();
        stack[stack.length - 1]!.out.push({ type: "br" });
        break;
      case "code_inline":
        flush();
        stack[stack.length - 1]!.out.push({ type: "code", text: t.content });
        break;
      case "strong_open":
        open({ type: "strong", children: [] });
        break;
      case "em_open":
        open({ type: "em", children: [] });
        break;
      case "link_open": {
        const href = safeHref(String(t.attrGet("href") ?? ""));
        // validateLink let only safe targets through; a link that still is not safe keeps its text.
        if (href) open({ type: "link", href, children: [] }, true);
        else {
          flush();
          stack.push({ out: stack[stack.length - 1]!.out, link: true });
        }
        break;
      }
      case "strong_close":
      case "em_close":
      case "link_close":
        close();
        break;
      default:
        text += t.content;
    }
  }
  flush();
  return root;
}

export function parseInline(text: string): Inline[] {
  const tokens = md.parseInline(text, {})[0]?.children ?? [];
  return toInlines(tokens);
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  // Nested lists flatten into their outer list: a chat line has no room for an outline.
  let list: Extract<Block, { type: "list" }> | null = null;
  let depth = 0;
  for (const t of md.parse(source, {})) {
    switch (t.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        if (depth++ === 0) blocks.push((list = { type: "list", ordered: t.type === "ordered_list_open", items: [] }));
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        if (--depth === 0) list = null;
        break;
      case "list_item_open":
        list?.items.push([]);
        break;
      case "inline": {
        const inlines = toInlines(t.children ?? []);
        const item = list?.items[list.items.length - 1];
        if (!item) blocks.push({ type: "paragraph", children: inlines });
        else {
          if (item.length) item.push({ type: "br" });
          item.push(...inlines);
        }
        break;
      }
      case "fence": {
        const code = t.content.replace(/\n$/, "");
        const item = list?.items[list.items.length - 1];
        if (item) item.push({ type: "code", text: code });
        else blocks.push({ type: "codeblock", text: code });
        break;
      }
    }
  }
  return blocks;
}

export interface RenderOptions {
  /** The viewer's username: their mentions get a stronger highlight. */
  me?: string;
}

function renderInlines(nodes: Inline[], opts: RenderOptions, prefix: string): ReactNode[] {
  return nodes.map((n, i) => {
    const key = `${prefix}${i}`;
    switch (n.type) {
      case "text":
        return n.text;
      case "br":
        return createElement("br", { key });
      case "code":
        return createElement("code", { key, className: "rounded bg-surface-3 px-1 py-0.5 font-mono text-[0.85em]" }, n.text);
      case "strong":
        return createElement("strong", { key, className: "font-semibold" }, ...renderInlines(n.children, opts, `${key}.`));
      case "em":
        return createElement("em", { key }, ...renderInlines(n.children, opts, `${key}.`));
      case "link":
        return createElement(
          "a",
          {
            key,
            href: n.href,
            target: "_blank",
            rel: "noopener noreferrer",
            className: "text-accent underline underline-offset-2 break-all",
          },
          ...renderInlines(n.children, opts, `${key}.`),
        );
      case "mention":
        return createElement(
          "span",
          {
            key,
            "data-mention": n.username,
            className:
              n.username === opts.me?.toLowerCase()
                ? "rounded bg-warning-soft px-0.5 font-medium text-warning-soft-fg"
                : "rounded bg-accent-soft px-0.5 font-medium text-accent-soft-fg",
          },
          `@${n.username}`,
        );
    }
  });
}

/** The message's Markdown as React elements (never HTML strings). */
export function renderMarkdown(source: string, opts: RenderOptions = {}): ReactNode {
  const blocks = parseMarkdown(source);
  return createElement(
    Fragment,
    null,
    ...blocks.map((b, i) => {
      const key = `b${i}`;
      if (b.type === "codeblock")
        return createElement(
          "pre",
          { key, className: "my-1 overflow-x-auto rounded-lg bg-surface-3 p-2 font-mono text-xs" },
          createElement("code", null, b.text),
        );
      if (b.type === "list")
        return createElement(
          b.ordered ? "ol" : "ul",
          { key, className: b.ordered ? "my-1 list-decimal pl-5" : "my-1 list-disc pl-5" },
          ...b.items.map((item, j) => createElement("li", { key: j }, ...renderInlines(item, opts, `${key}.${j}.`))),
        );
      return createElement("p", { key, className: "[&+*]:mt-1" }, ...renderInlines(b.children, opts, `${key}.`));
    }),
  );
}
