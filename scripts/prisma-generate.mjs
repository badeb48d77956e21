// `prisma generate` reads the datasource block, whose url comes from DATABASE_URL; without one
// the CLI falls back to downloading a native engine. Generation never connects, so any
// well-formed URL will do when none is set (a fresh clone has none: the app embeds PostgreSQL).
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.DATABASE_URL ||= "postgresql://localhost/generate-only";
const result = spawnSync("prisma", ["generate", "--no-hints"], { stdio: "inherit", env, shell: false });
process.exit(result.status ?? 1);
