import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

// npm run test:e2e: Chromium driven by playwright-core against one real server.
export default defineConfig({
  ...shared,
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
