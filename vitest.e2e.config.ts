import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

// The browser suite runs against a production build of its own (see tests/e2e/global-setup.ts).
process.env.TEST_SERVER_MODE ??= "prod";
process.env.TEST_NEXT_DIST_DIR ??= ".next-e2e";

// mergeConfig concatenates arrays: drop the base's test globs and setup first, so this suite
// runs the browser tests only, with the build before the server start.
const { include: _include, globalSetup: _globalSetup, ...baseTest } = base.test ?? {};

export default mergeConfig(
  { ...base, test: baseTest },
  defineConfig({
    test: {
      include: ["tests/e2e/**/*.test.ts"],
      globalSetup: ["tests/e2e/global-setup.ts", "tests/setup/global-setup.ts"],
      testTimeout: 120_000,
      hookTimeout: 600_000,
      maxWorkers: 1,
      fileParallelism: false,
    },
  }),
  true,
);
