// A channel as Markdown (GET /api/channels/{slug}/export.md): the timeline oldest first, each
// thread's replies under their root with its thread_id; readers only.
import { describe, expect, it } from "vitest";
import { api, baseUrl, createUser, unique } from "../helpers/client";
import { createChannel } from "../helpers/chat";

const post = (token: string, slug: string, body: Record<string, unknown>) => api(`/api/channels/${slug}/messages`, { token, body });

describe("channel export", () => {
  it("gives the timeline oldest first with every thread under its root, to readers only", async () => {
    const teacher = await createUser({ role: "instructor", name: "Prof Durand" });
    const student = await createUser({ name: "Léa Moreau" });
    const channel = await createChannel(teacher, { name: unique("Export "), type: "private", member_ids: [student.id] });
    const first = await post(teacher.token, channel.slug, { content: "Welcome to the course" });
    expect(first.status).toBe(201);
    const question = await post(student.token, channel.slug, { content: "When is the exam?\nAnd which chapters?" });
    const rootId = question.body.message.id as string;
    const reply = await post(teacher.token, channel.slug, { content: "On Friday, chapters 1 to 4", thread_id: rootId });
    expect(reply.status).toBe(201);
    expect(reply.body.message.thread_id).toBe(rootId);
    await post(teacher.token, channel.slug, { content: "See you on Friday" });

    const res = await fetch(`${baseUrl()}/api/channels/${channel.slug}/export.md`, {
      headers: { authorization: `Bearer ${student.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="channel-${channel.slug}.md"`);
    const md = await res.text();
    expect(md.startsWith(`# #${channel.name}\n`)).toBe(true);
    const order = [
      "Welcome to the course",
      "When is the exam?",
      `Thread \`${rootId}\`, 1 reply`,
      "On Friday, chapters 1 to 4",
      "See you on Friday",
    ].map((t) => md.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain("**Léa Moreau**");
    expect(md).toContain("\n  And which chapters?"); // a multi-line message stays inside its list item
    expect(md).toMatch(/\n {4}- \*\*Prof Durand\*\* · [^\n]*: On Friday, chapters 1 to 4/); // the reply nested under its root

    const outsider = await createUser();
    expect((await api(`/api/channels/${channel.slug}/export.md`, { token: outsider.token })).status).toBe(403);
    expect((await api(`/api/channels/no-such-channel-${unique()}/export.md`, { token: student.token })).status).toBe(404);
  });
});
