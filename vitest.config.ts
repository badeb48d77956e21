import { defineConfig } from "vitest/config";
import { longestFirst, shared } from "./vitest.shared";

// npm test: unit and integration tests against one real server (tests/setup/global-setup.ts).
export default defineConfig({
  ...shared,
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    sequence: {
      sequencer: longestFirst({
        "tests/integration/startup.test.ts": 60,
        "tests/integration/uploads-limits.test.ts": 26,
        "tests/integration/rooms.test.ts": 19,
        "tests/integration/lecture-hall.test.ts": 17,
        "tests/integration/webhooks.test.ts": 15,
        "tests/integration/meetings-mail.test.ts": 13,
        "tests/integration/chat-realtime.test.ts": 13,
        "tests/integration/chat-http.test.ts": 11,
        "tests/integration/meetings-jitsi.test.ts": 10,
      }),
    },
  },
});
