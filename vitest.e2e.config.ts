import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

// npm run test:e2e: Chromium driven by playwright-core against one real server, on the shared
// production build (tests/setup/nodes.ts; no dev-server compiles or reloads under the browser's feet).
process.env.TEST_SERVER_MODE ??= "prod";

export default defineConfig({
  ...shared,
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    // Two files at a time (two Chromiums against the one server): the suite's wall time is what
    // keeps CI under its budget, and each file's users, rooms and channels are its own.
    maxWorkers: 2,
  },
});
