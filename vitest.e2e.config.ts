import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

// npm run test:e2e: Chromium driven by playwright-core against one real server, on a production
// build of its own (no dev-server compiles or reloads under the browser's feet).
process.env.TEST_SERVER_MODE ??= "prod";
process.env.TEST_NEXT_DIST_DIR ??= ".next-e2e";

export default defineConfig({
  ...shared,
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    // The build first, then the server that uses it.
    globalSetup: ["tests/e2e/global-setup.ts", "tests/setup/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
