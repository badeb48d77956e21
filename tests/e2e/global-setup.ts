// Browser tests run against a production build (TEST_SERVER_MODE=prod, set in
// vitest.e2e.config.ts): no dev-server compiles or hot reloads under the browser's feet, and
// the build itself is checked. Built here, before tests/setup/global-setup.ts starts the server,
// whose own check then finds the build fresh. Skipped when nothing changed since the last one.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.mjs", "package.json", "package-lock.json"];

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

export async function setup() {
  if (process.env.TEST_SERVER_MODE !== "prod") return;
  const distDir = process.env.TEST_NEXT_DIST_DIR ?? ".next-test";
  const buildId = path.join(distDir, "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt && SOURCES.every((s) => newest(s) <= builtAt)) return;
  const started = Date.now();
  const result = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // Only for the configuration check at build time; the server gets its own.
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "build-only-secret-build-only-secret-0123",
    },
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`e2e: built the app in ${Math.round((Date.now() - started) / 1000)}s`);
}
