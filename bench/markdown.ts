// Render time of 300 chat messages through lib/chat/markdown.ts (docs/decisions.md):
// `npx tsx bench/markdown.ts [other-module]` compares with another renderer of the same API.
import { createElement, Fragment, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

type Render = (source: string, opts?: { me?: string }) => ReactNode;

const SAMPLES = [
  "ok, see you at 10",
  "**Reminder**: the exam is on *Monday*, room B204 — bring your `student_id`",
  "@alice.martin can you share the slides? https://example.org/cours/algebre-lineaire.pdf",
  "Steps:\n- open the notebook\n- run `pip install numpy`\n- send me the output\n\nthanks!",
  "```\nfor i in range(10):\n    print(i ** 2)\n```\ndoes this look right @bob_1?",
  "[the syllabus](https://example.org/syllabus) is updated, _please_ read section 2 and 3",
  "lol 😂 2 * 3 * 4 = 24 and snake_case_names stay as they are",
  "1. read chapter 4\n2. do exercises 1-5\n3. **submit** before Friday\nmail me at prof@example.org",
];
const messages = Array.from({ length: 300 }, (_, i) => `${SAMPLES[i % SAMPLES.length]} (${i})`);

type Module = { renderMarkdown: Render; parseMarkdown: (source: string) => unknown };

function time(run: (m: string) => unknown): number {
  const started = performance.now();
  for (const m of messages) run(m);
  return performance.now() - started;
}

const render = (mod: Module) => (m: string) =>
  renderToStaticMarkup(createElement(Fragment, null, mod.renderMarkdown(m, { me: "alice.martin" })));
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(xs.length / 2)]!.toFixed(2)} ms, min ${sorted[0]!.toFixed(2)} ms`;
};

// Interleaved rounds, so a busy machine slows every module alike; the minimum is the least noisy figure.
const paths = ["../lib/chat/markdown", ...process.argv.slice(2)];
const mods = await Promise.all(paths.map(async (p) => (await import(p)) as Module));
const figures = paths.map(() => ({ parse: [] as number[], render: [] as number[] }));
for (let round = 0; round < 80; round++) {
  mods.forEach((mod, i) => {
    const parse = time(mod.parseMarkdown);
    const full = time(render(mod));
    if (round < 20) return;
    figures[i]!.parse.push(parse);
    figures[i]!.render.push(full);
  });
}
paths.forEach((p, i) =>
  console.log(`${p}, 300 messages: parse ${stats(figures[i]!.parse)}; parse + React render ${stats(figures[i]!.render)}`),
);
