// "Build when needed", shared by `npm start` and the suites that run production builds.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.mjs", "postcss.config.mjs", "package.json", "package-lock.json"];

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** A build exists in `distDir` and no source changed since it was made. */
export function isBuildFresh(distDir: string): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newest(s) <= builtAt);
}

/** `next build` into `distDir` unless the build there is fresh. Throws when the build fails. */
export function ensureBuild(distDir: string, options: { quiet?: boolean } = {}): boolean {
  if (isBuildFresh(distDir)) return false;
  const result = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
    stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    // `next build` inherits this process's environment (next.config.mjs validates it there).
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  if (result.status !== 0) throw new Error(`next build failed${options.quiet ? `:\n${result.stdout}\n${result.stderr}` : ""}`);
  return true;
}
