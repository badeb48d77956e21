// A small Markdown subset for chat messages, parsed into a tree and rendered as React elements.
// Text only ever becomes React text children (escaped by React): no raw HTML reaches the page,
// and links keep only http, https and mailto targets.
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

// Ordered by precedence at one position: code spans first (nothing inside them is parsed).
const INLINE = new RegExp(
  /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\p{L}\p{N}_*])\*(?=[^\s*])([\s\S]*?[^\s*])\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])|\[([^\]\n]+)\]\(([^()\s]+)\)|(https?:\/\/[^\s<]+[^\s<.,:;!?"')\]])/giu
    .source + `|${MENTION_PATTERN}`,
  "giu",
);

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  const pushText = (s: string) => {
    if (!s) return;
    const lines = s.split("\n");
    lines.forEach((line, i) => {
      if (i > 0) out.push({ type: "br" });
      if (!line) return;
      const last = out[out.length - 1];
      if (last?.type === "text") last.text += line;
      else out.push({ type: "text", text: line });
    });
  };
  let pos = 0;
  const re = new RegExp(INLINE.source, INLINE.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pushText(text.slice(pos, m.index));
    pos = m.index + m[0].length;
    const nested = (s: string) => (depth < 4 ? parseInline(s, depth + 1) : [{ type: "text" as const, text: s }]);
    if (m[1] !== undefined) out.push({ type: "code", text: m[2]!.replace(/^ (.+) $/s, "$1") });
    else if (m[3] !== undefined) out.push({ type: "strong", children: nested(m[3]) });
    else if (m[4] !== undefined) out.push({ type: "em", children: nested(m[4]) });
    else if (m[5] !== undefined) out.push({ type: "em", children: nested(m[5]) });
    else if (m[6] !== undefined) {
      const href = safeHref(m[7]!);
      if (href) out.push({ type: "link", href, children: nested(m[6]) });
      else pushText(m[0]);
    } else if (m[8] !== undefined) {
      const href = safeHref(m[8]);
      if (href) out.push({ type: "link", href, children: [{ type: "text", text: m[8] }] });
      else pushText(m[0]);
    } else if (m[9] !== undefined) {
      const username = m[9].toLowerCase().replace(/[.-]+$/, "");
      if (username.length >= 3) {
        out.push({ type: "mention", username });
        pushText(m[9].slice(username.length));
      } else pushText(m[0]);
    }
  }
  pushText(text.slice(pos));
  return out;
}

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}```/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ type: "paragraph", children: parseInline(para.join("\n")) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i]!)) body.push(lines[i++]!);
      blocks.push({ type: "codeblock", text: body.join("\n") });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const ordered = !!numbered;
      const re = ordered ? NUMBERED : BULLET;
      const items: Inline[][] = [];
      while (i < lines.length && re.test(lines[i]!)) items.push(parseInline(re.exec(lines[i++]!)![1]!));
      i--;
      blocks.push({ type: "list", ordered, items });
      continue;
    }
    if (!line.trim()) flush();
    else para.push(line);
  }
  flush();
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
