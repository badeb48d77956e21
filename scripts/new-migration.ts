// npm run db:migration -- <name>
// Authors prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// schema as of the last migration (prisma/migrations/schema-snapshot.prisma) and
// prisma/schema.prisma. `prisma migrate dev` cannot be used without native engines (its shadow
// database panics in the wasm engine), and `migrate diff` cannot read a live database when an
// adapter is configured, so the snapshot is what the migrations have built.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9_]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const dir = path.join("prisma", "migrations");
const snapshot = path.join(dir, "schema-snapshot.prisma");
const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
// The CLI opens its adapter even for a datamodel-to-datamodel diff: give it a database.
const pg = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dir: path.join(".data", "tools-postgres"), database: "diff" });
const result = spawnSync(
  path.join("node_modules", ".bin", "prisma"),
  ["migrate", "diff", ...from, "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script"],
  { encoding: "utf8", env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || pg!.url } },
);
await pg?.stop();
if (result.status !== 0) {
  console.error(result.stderr || result.stdout);
  process.exit(1);
}
const sql = result.stdout.replace(/^Loaded Prisma config.*\n/m, "").trim();
if (!sql || /^-- This is an empty migration\.?$/m.test(sql)) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(path.join(target, "migration.sql"), sql + "\n");
writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
copyFileSync(path.join("prisma", "schema.prisma"), snapshot);
console.log(`Wrote ${path.join(target, "migration.sql")}`);
