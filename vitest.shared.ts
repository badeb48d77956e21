import path from "node:path";
import type { ViteUserConfig } from "vitest/config";

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
