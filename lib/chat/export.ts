import "server-only";
import { slugify } from "@/lib/formats/filename";
import { requireRead } from "./channels";
import { historyPage } from "./messages";
import type { ChatMessageJson } from "./schemas";
import { threadPage } from "./threads";

// A channel as a Markdown document (GET /api/channels/{slug}/export.md): its timeline oldest first,
// each thread's replies under their root with the thread's id, so an exported course channel reads
// as it was discussed. The newest MAX_MESSAGES timeline messages, every reply of their threads.

const MAX_MESSAGES = 5_000;
const PAGE = 100;

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");

function entry(m: ChatMessageJson, indent: string): string[] {
  const head = `${indent}- **${oneLine(m.author.name)}** · ${m.created_at}${m.edited_at ? " (edited)" : ""}`;
  if (m.deleted) return [`${head}: _deleted_`];
  const lines = [`${head}:${m.content ? " " + m.content.replace(/\r?\n/g, `\n${indent}  `) : ""}`];
  if (m.attachment) lines.push(`${indent}  [${oneLine(m.attachment.name)}](${m.attachment.url})`);
  return lines;
}

async function replies(userId: string, rootId: string): Promise<ChatMessageJson[]> {
  const out: ChatMessageJson[] = [];
  let after: string | undefined;
  do {
    const page = await threadPage(userId, rootId, { after, limit: PAGE });
    out.push(...page.messages);
    after = page.next_cursor ?? undefined;
  } while (after);
  return out;
}

export async function channelMarkdown(userId: string, slug: string, now = new Date()): Promise<{ filename: string; body: string }> {
  const { channel } = await requireRead(userId, slug);
  const pages: ChatMessageJson[][] = [];
  let before: string | undefined;
  let count = 0;
  do {
    const page = await historyPage({ channel }, { limit: PAGE, before });
    pages.unshift(page.messages);
    count += page.messages.length;
    before = page.next_cursor ?? undefined;
  } while (before && count < MAX_MESSAGES);
  const timeline = pages.flat();
  const lines = [`# #${oneLine(channel.name)}`, "", `Exported from Mem2gether channel \`${channel.slug}\` on ${now.toISOString()}.`, ""];
  if (before) lines.push(`_The ${timeline.length} newest messages; older ones are not in this export._`, "");
  for (const m of timeline) {
    lines.push(...entry(m, ""));
    if (m.reply_count > 0) {
      lines.push(`  - Thread \`${m.id}\`, ${m.reply_count} ${m.reply_count === 1 ? "reply" : "replies"}:`);
      for (const r of await replies(userId, m.id)) lines.push(...entry(r, "    "));
    }
  }
  if (!timeline.length) lines.push("_No messages yet._");
  return { filename: `channel-${slugify(channel.slug, "channel")}.md`, body: lines.join("\n") + "\n" };
}
