import { defineConfig } from "vitest/config";
import { shared } from "./vitest.shared";

// npm run test:cluster: two production nodes on one PostgreSQL and one Redis, per test file.
export default defineConfig({
  ...shared,
  test: {
    include: ["tests/cluster/**/*.test.ts"],
    globalSetup: ["tests/setup/cluster-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
