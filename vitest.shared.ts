import path from "node:path";
import type { ViteUserConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = path.resolve(import.meta.dirname);

/** What every suite shares: module resolution like the app's (the suites differ in what they run). */
export const shared: ViteUserConfig = {
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Tests import domain modules directly; they are server code.
      { find: /^server-only$/, replacement: path.join(root, "scripts/empty.cjs") },
    ],
  },
};

/**
 * Longest files first, so the two workers finish together. On a fresh clone (CI) vitest knows no
 * durations and runs larger files first, which left a minute-long file alone at the end. `seconds`
 * are a suite's slow files as CI measured them (2026-12-07); files not listed keep vitest's order,
 * after them.
 */
export function longestFirst(seconds: Record<string, number>) {
  return class LongestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const weight = (f: TestSpecification) => seconds[path.relative(root, f.moduleId)] ?? 0;
      // Array.prototype.sort is stable: unlisted files stay in vitest's order.
      return (await super.sort(files)).sort((a, b) => weight(b) - weight(a));
    }
  };
}
