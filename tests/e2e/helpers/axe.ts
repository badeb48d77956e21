// axe-core in the browser tests: a page passes when axe finds no serious or critical violation
// (nor a broken page outline, below). Every violation is also written to test-results/a11y/.
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const REPORT = path.resolve("test-results/a11y");
// Moderate in axe, failed on all the same: the page outline (one top-level <main>, no skipped
// heading level) is what screen-reader users navigate by.
const STRUCTURE = ["heading-order", "landmark-main-is-top-level", "landmark-no-duplicate-main", "landmark-one-main"];

/** Serious and critical violations on the page as it is now, one line each (empty: it passes). */
export async function axeProblems(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // Experimental in axe, and what speech-input users meet: a control named differently from
    // what it shows (WCAG 2.5.3 Label in Name).
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  mkdirSync(REPORT, { recursive: true });
  const lines = results.violations.map((v) => {
    const examples = v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(" ")} [${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 160)}]`)
      .join(" | ");
    return `${what}: ${v.id} (${v.impact}) ${v.help}, ${v.nodes.length} element(s), e.g. ${examples}`;
  });
  if (lines.length) appendFileSync(path.join(REPORT, "violations.txt"), lines.join("\n") + "\n");
  return lines.filter((_, i) => {
    const v = results.violations[i]!;
    return ["serious", "critical"].includes(v.impact ?? "") || STRUCTURE.includes(v.id);
  });
}
