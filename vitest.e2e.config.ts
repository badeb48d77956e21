import { defineConfig } from "vitest/config";
import { longestFirst, shared } from "./vitest.shared";

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
    sequence: {
      sequencer: longestFirst({
        "tests/e2e/a11y.test.ts": 133,
        "tests/e2e/oidc.test.ts": 85,
        "tests/e2e/shell.test.ts": 76,
        "tests/e2e/chat-scale.test.ts": 69,
        "tests/e2e/meetings.test.ts": 58,
        "tests/e2e/meetings-register.test.ts": 42,
        "tests/e2e/accounts.test.ts": 40,
        "tests/e2e/chat.test.ts": 35,
        "tests/e2e/admin.test.ts": 34,
        "tests/e2e/rooms.test.ts": 31,
        "tests/e2e/chat-thread-panel.test.ts": 26,
        "tests/e2e/room-class.test.ts": 25,
        "tests/e2e/webhooks.test.ts": 24,
        "tests/e2e/password-reset.test.ts": 22,
        "tests/e2e/csp.test.ts": 20,
        "tests/e2e/chat-threads.test.ts": 20,
      }),
    },
  },
});
