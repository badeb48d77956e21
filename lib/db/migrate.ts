import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");

/** Migration folders not yet recorded as applied (all of them when the table does not exist). */
async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const all = readdirSync(MIGRATIONS_DIR).filter((d) => statSync(path.join(MIGRATIONS_DIR, d)).isDirectory());
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return all.filter((m) => !applied.has(m));
  } catch {
    return all;
  } finally {
    await client.end();
  }
}

/**
 * Apply pending migrations with `prisma migrate deploy` (JS schema engine, see prisma.config.ts).
 * The CLI takes seconds to start, so it only runs when a migration is actually pending.
 */
export async function migrateDeploy(databaseUrl: string, log: (line: string) => void = () => {}): Promise<number> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return 0;
  const bin = path.resolve("node_modules", ".bin", "prisma");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, ["migrate", "deploy"], {
      // The child inherits this process's environment (no variable is read here).
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) log(line.trim());
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`))));
  });
  return pending.length;
}
