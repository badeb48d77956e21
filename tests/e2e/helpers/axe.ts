// axe-core in the browser tests: a page passes when axe finds no serious or critical
// violation. Moderate and minor ones are written to test-results/a11y/ to be read, not failed on.
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const REPORT = path.resolve("test-results/a11y");

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
  return lines.filter((_, i) => ["serious", "critical"].includes(results.violations[i]!.impact ?? ""));
}
