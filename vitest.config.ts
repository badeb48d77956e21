import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

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
  },
});
