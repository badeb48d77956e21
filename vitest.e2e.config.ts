import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["tests/e2e/**/*.test.ts"],
      testTimeout: 120_000,
      maxWorkers: 1,
      fileParallelism: false,
    },
  }),
  true,
);
