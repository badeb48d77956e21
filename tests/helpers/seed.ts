// Class-size data without going through sign-up one account at a time: users written straight
// into the test database, with tokens minted as the server does (same secret as tests/setup/nodes.ts).
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { inject } from "vitest";
import type { TestUser } from "./client";

const SECRET = "test-secret-test-secret-test-secret-0123";

export async function withDb<T>(fn: (db: pg.Client) => Promise<T>, url = inject("databaseUrl")): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/**
 * `n` students who can use the API and sockets; with `password`, they can also sign in with it
 * (one argon2 hash shared by all: the sign-ins still verify for real, only sign-up is skipped).
 */
export async function seedUsers(n: number, options: { url?: string; password?: string } = {}): Promise<TestUser[]> {
  const { url, password } = options;
  const passwordHash = password ? await hash(password) : "not-a-password-hash";
  const batch = randomBytes(4).toString("hex");
  const users = Array.from({ length: n }, (_, i) => ({
    id: `seed${batch}${i}`,
    username: `s${batch}${i}`,
    email: `s${batch}${i}@example.test`,
  }));
  await withDb(
    (db) =>
      db.query(
        `INSERT INTO users (id, email, username, name, password_hash, updated_at)
         SELECT id, email, username, username, $4, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, email, username)`,
        [users.map((u) => u.id), users.map((u) => u.email), users.map((u) => u.username), passwordHash],
      ),
    url,
  );
  return Promise.all(
    users.map(async (u) => ({
      ...u,
      password: password ?? "",
      role: "student" as const,
      token: await encode({ token: { sub: u.id, tv: 0, role: "student", username: u.username, name: u.username }, secret: SECRET }),
    })),
  );
}
