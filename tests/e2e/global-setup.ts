// Browser tests run against a production build (TEST_SERVER_MODE=prod, set in
// vitest.e2e.config.ts): built here, before tests/setup/global-setup.ts starts the server,
// and skipped when nothing changed since the last build.
import { ensureBuild } from "../../lib/system/build";

export async function setup() {
  if (process.env.TEST_SERVER_MODE !== "prod") return;
  const started = Date.now();
  if (ensureBuild(process.env.TEST_NEXT_DIST_DIR ?? ".next-test", { quiet: true })) {
    console.log(`e2e: built the app in ${Math.round((Date.now() - started) / 1000)}s`);
  }
}
