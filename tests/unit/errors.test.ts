import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createServer, connect as tcpConnect, type AddressInfo, type Server, type Socket as TcpSocket } from "node:net";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { ApiError, ERROR_STATUS, isDatabaseUnavailable, isTransientConflict, toApiError } from "@/lib/http/errors";
import { sessionTokenFromCookieHeader } from "@/lib/auth/tokens";

describe("error model", () => {
  it("maps every code to its status and never leaks an unknown error's text", () => {
    expect(new ApiError("GONE", "closed").status).toBe(410);
    expect(ERROR_STATUS.RATE_LIMITED).toBe(429);
    const internal = toApiError(new Error("password=hunter2 at db.ts:12"));
    expect(internal.toBody()).toEqual({ success: false, error: "Something went wrong on our side", code: "INTERNAL" });
  });

  it("recognizes an ApiError from the other module graph's copy of this module", async () => {
    vi.resetModules();
    const other = await import("@/lib/http/errors");
    expect(other.ApiError).not.toBe(ApiError);
    const foreign = other.errors.rateLimited(2.2);
    const err = toApiError(foreign);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.toBody()).toEqual({ success: false, error: "Too many requests, slow down", code: "RATE_LIMITED" });
    expect(err.retryAfter).toBe(3);
  });

  it("turns zod errors into field details", () => {
    const result = z.object({ a: z.string(), b: z.object({ c: z.number() }) }).safeParse({ b: { c: "x" } });
    const err = toApiError(result.error);
    expect(err.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(err.details ?? {})).toEqual(["a", "b.c"]);
  });
});

describe("session cookie parsing", () => {
  it("reads whole and chunked next-auth cookies", () => {
    expect(sessionTokenFromCookieHeader("a=1; next-auth.session-token=abc; b=2")).toBe("abc");
    expect(sessionTokenFromCookieHeader("next-auth.session-token.0=ab; next-auth.session-token.1=cd")).toBe("abcd");
    expect(sessionTokenFromCookieHeader("other=1")).toBeNull();
    expect(sessionTokenFromCookieHeader(undefined)).toBeNull();
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable database through pg, the ORM and Prisma's raw queries", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(
      true,
    );
    const raw = Object.assign(new Error("Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:1`"), {
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } } },
    });
    expect(isDatabaseUnavailable(raw)).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } })).toBe(
      true,
    );
    expect(toApiError(raw).code).toBe("UNAVAILABLE");
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "23505" } } } })).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error("duplicate key"))).toBe(false);
  });
});

// Real error objects: pg and Prisma (through @prisma/adapter-pg, as the app runs it) against the
// test database, a connection cut under a query, and a scripted server for the SQLSTATEs a
// healthy PostgreSQL will not produce on demand (57P02 crash shutdown, 57P03 starting up).
describe("database faults, produced for real", () => {
  const url = () => inject("databaseUrl");
  const clients: { end(): Promise<unknown> }[] = [];
  const servers: Server[] = [];
  let admin: pg.Client;
  let table: string;

  async function pgClient(connectionString = url()): Promise<pg.Client> {
    const c = new pg.Client({ connectionString });
    c.on("error", () => {});
    await c.connect();
    clients.push(c);
    return c;
  }

  function prismaOn(connectionString = url()): PrismaClient {
    const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 2_000 });
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    clients.push({ end: () => prisma.$disconnect() });
    return prisma;
  }

  const backendPid = async (c: pg.Client) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  const terminate = (pid: number) => admin.query("SELECT pg_terminate_backend($1)", [pid]);
  /** The backend waiting on a lock `holder` holds (the statement under test is blocked there). */
  async function blockedBy(holder: number): Promise<number> {
    for (;;) {
      const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [
        holder,
      ]);
      if (rows[0]) return rows[0].pid;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  /** What `p` rejects with (fails the test if it resolves). */
  async function rejection(p: Promise<unknown>): Promise<unknown> {
    try {
      await p;
    } catch (err) {
      return err;
    }
    throw new Error("expected a rejection");
  }
  function expectUnavailable(err: unknown) {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const api = toApiError(err);
    expect(api.code).toBe("UNAVAILABLE");
    expect(api.status).toBe(503);
  }
  function expectConflict(err: unknown) {
    expect(isTransientConflict(err)).toBe(true);
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(toApiError(err).code).toBe("UNAVAILABLE");
  }

  beforeAll(async () => {
    admin = await pgClient();
    table = `errors_test_${randomBytes(4).toString("hex")}`;
    await admin.query(`CREATE TABLE ${table} (id int PRIMARY KEY, v int NOT NULL DEFAULT 0)`);
    await admin.query(`INSERT INTO ${table} (id) VALUES (1), (2)`);
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    for (const c of clients.splice(0).reverse()) await c.end().catch(() => {});
    for (const s of servers.splice(0)) s.close();
  });

  it("a pg query cut by an admin shutdown (57P01), then the client that is not queryable any more", async () => {
    const c = await pgClient();
    const pid = await backendPid(c);
    const ended = new Promise((r) => c.once("end", r));
    const running = rejection(c.query("SELECT pg_sleep(30)"));
    await blockedOrRunning(pid);
    await terminate(pid);
    const cut = await running;
    await ended;
    expect((cut as { code?: string }).code).toBe("57P01");
    expectUnavailable(cut);
    const after = await rejection(c.query("SELECT 1"));
    expect((after as Error).message).toMatch(/not queryable/);
    expectUnavailable(after);
    expect(isTransientConflict(after)).toBe(false);
  });

  it("Prisma's wrappers of an admin shutdown: raw query (P2010), ORM query, and a transaction's next statement", async () => {
    const prisma = prismaOn();
    const holder = await pgClient();
    const holderPid = await backendPid(holder);

    // Raw: P2010 with the driver adapter's error under meta.
    await holder.query("BEGIN");
    await holder.query(`SELECT * FROM ${table} WHERE id = 1 FOR UPDATE`);
    const raw = rejection(prisma.$executeRawUnsafe(`UPDATE ${table} SET v = v + 1 WHERE id = 1`));
    await terminate(await blockedBy(holderPid));
    const rawErr = await raw;
    expect((rawErr as { code?: string }).code).toBe("P2010");
    expectUnavailable(rawErr);

    // ORM: the adapter's DriverAdapterError itself.
    const victim = await prisma.user.create({
      data: {
        email: `${randomBytes(5).toString("hex")}@example.test`,
        username: `e${randomBytes(5).toString("hex")}`,
        name: "e",
        passwordHash: "x",
      },
    });
    await holder.query(`SELECT * FROM users WHERE id = $1 FOR UPDATE`, [victim.id]);
    const orm = rejection(prisma.user.update({ where: { id: victim.id }, data: { bio: "blocked" } }));
    await terminate(await blockedBy(holderPid));
    const ormErr = await orm;
    expect((ormErr as Error).name).toBe("DriverAdapterError");
    expectUnavailable(ormErr);
    await holder.query("ROLLBACK");

    // A transaction whose connection went away: pg's "not queryable", passed through as is.
    const txErr = await rejection(
      prisma.$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await terminate(pid);
        await new Promise((r) => setTimeout(r, 50));
        return tx.user.count();
      }),
    );
    expect((txErr as Error).message).toMatch(/not queryable/);
    expectUnavailable(txErr);
    await prisma.user.delete({ where: { id: victim.id } });
  });

  it("a connection dropped under a query (pg's 'Connection terminated unexpectedly'), through pg and Prisma", async () => {
    // A TCP relay to the database that the test cuts, as a network failure or a killed server would.
    const target = new URL(url());
    const relays: TcpSocket[] = [];
    const relay = createServer((inbound) => {
      const outbound = tcpConnect(Number(target.port || 5432), target.hostname);
      relays.push(inbound, outbound);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on("error", () => {});
      outbound.on("error", () => {});
    });
    servers.push(relay);
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    const viaRelay = new URL(url());
    viaRelay.hostname = "127.0.0.1";
    viaRelay.port = String((relay.address() as AddressInfo).port);
    const cut = () => {
      for (const s of relays.splice(0)) s.end();
    };

    const c = await pgClient(viaRelay.toString());
    const pgRunning = rejection(c.query("SELECT pg_sleep(30)"));
    await new Promise((r) => setTimeout(r, 50));
    cut();
    const pgErr = await pgRunning;
    expect((pgErr as Error).message).toMatch(/Connection terminated/);
    expectUnavailable(pgErr);

    const prisma = prismaOn(viaRelay.toString());
    await prisma.$queryRaw`SELECT 1`;
    const prismaRunning = rejection(prisma.$queryRaw`SELECT pg_sleep(30)`);
    await new Promise((r) => setTimeout(r, 50));
    cut();
    expectUnavailable(await prismaRunning);
  });

  it("a server starting up (57P03) or crashing (57P02), from a scripted PostgreSQL, through pg and Prisma", async () => {
    // Speaks just enough of the protocol: `atStartup` refuses the connection like a starting
    // server; otherwise it accepts, then answers the first query with a FATAL and hangs up.
    const scripted = async (atStartup: boolean, code: string, message: string) => {
      const field = (t: string, v: string) => Buffer.concat([Buffer.from(t), Buffer.from(v + "\0")]);
      const msg = (type: string, body: Buffer) => {
        const len = Buffer.alloc(4);
        len.writeInt32BE(body.length + 4);
        return Buffer.concat([Buffer.from(type), len, body]);
      };
      const fatal = msg(
        "E",
        Buffer.concat([field("S", "FATAL"), field("V", "FATAL"), field("C", code), field("M", message), Buffer.from("\0")]),
      );
      const server = createServer((sock) => {
        let started = false;
        sock.on("error", () => {});
        sock.on("data", () => {
          if (!started) {
            started = true;
            if (atStartup) return void sock.end(fatal);
            const authOk = msg("R", Buffer.from([0, 0, 0, 0]));
            const ready = msg("Z", Buffer.from("I"));
            return void sock.write(Buffer.concat([authOk, ready]));
          }
          sock.end(fatal);
        });
      });
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `postgresql://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/test`;
    };

    const starting = await scripted(true, "57P03", "the database system is starting up");
    const refused = await rejection(pgClient(starting));
    expect((refused as { code?: string }).code).toBe("57P03");
    expectUnavailable(refused);
    expectUnavailable(await rejection(prismaOn(starting).user.count()));

    const crashing = await scripted(false, "57P02", "terminating connection because of crash of another server process");
    const c = await pgClient(crashing);
    const crashed = await rejection(c.query("SELECT 1"));
    expect((crashed as { code?: string }).code).toBe("57P02");
    expectUnavailable(crashed);
    expectUnavailable(await rejection(prismaOn(crashing).user.count()));
  });

  it("a real deadlock (40P01) between two pg clients, and through Prisma (raw and ORM)", async () => {
    const deadlock = async (a: (sql: string) => Promise<unknown>, b: (sql: string) => Promise<unknown>) => {
      await Promise.all([a("BEGIN"), b("BEGIN")]);
      await a(`UPDATE ${table} SET v = v + 1 WHERE id = 1`);
      await b(`UPDATE ${table} SET v = v + 1 WHERE id = 2`);
      const crossed = await Promise.allSettled([
        a(`UPDATE ${table} SET v = v + 1 WHERE id = 2`),
        b(`UPDATE ${table} SET v = v + 1 WHERE id = 1`),
      ]);
      await Promise.all([a("ROLLBACK"), b("ROLLBACK")]);
      const failed = crossed.filter((r) => r.status === "rejected");
      expect(failed).toHaveLength(1);
      return (failed[0] as PromiseRejectedResult).reason as unknown;
    };
    const [a, b] = [await pgClient(), await pgClient()];
    const pgErr = await deadlock(
      (q) => a.query(q),
      (q) => b.query(q),
    );
    expect((pgErr as { code?: string }).code).toBe("40P01");
    expectConflict(pgErr);

    // Prisma: two interactive transactions crossing their row locks.
    const prisma = prismaOn();
    const crossing = async (
      statement: (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0], id: number) => Promise<unknown>,
    ) => {
      let arrived = 0;
      let release!: () => void;
      const both = new Promise<void>((r) => (release = r));
      const tx = (first: number, second: number) =>
        prisma.$transaction(
          async (t) => {
            await statement(t, first);
            if (++arrived === 2) release();
            await both;
            await statement(t, second);
          },
          { timeout: 20_000 },
        );
      const settled = await Promise.allSettled([tx(1, 2), tx(2, 1)]);
      const failed = settled.filter((r) => r.status === "rejected");
      expect(failed).toHaveLength(1);
      return (failed[0] as PromiseRejectedResult).reason as unknown;
    };
    const rawErr = await crossing((t, id) => t.$executeRawUnsafe(`UPDATE ${table} SET v = v + 1 WHERE id = $1`, id));
    expect((rawErr as { code?: string }).code).toBe("P2010");
    expectConflict(rawErr);
    const users = await Promise.all(
      [1, 2].map(() =>
        prisma.user.create({
          data: {
            email: `${randomBytes(5).toString("hex")}@example.test`,
            username: `d${randomBytes(5).toString("hex")}`,
            name: "d",
            passwordHash: "x",
          },
        }),
      ),
    );
    const ormErr = await crossing((t, i) => t.user.update({ where: { id: users[i - 1]!.id }, data: { bio: `deadlock ${i}` } }));
    expect((ormErr as Error).name).toBe("DriverAdapterError");
    expectConflict(ormErr);
    await prisma.user.deleteMany({ where: { id: { in: users.map((u) => u.id) } } });
  });

  it("a real serialization failure (40001) and lock timeouts (55P03), through pg and Prisma", async () => {
    const [a, b] = [await pgClient(), await pgClient()];
    await a.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
    await b.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
    await a.query(`SELECT sum(v) FROM ${table}`);
    await b.query(`SELECT sum(v) FROM ${table}`);
    await a.query(`UPDATE ${table} SET v = v + 1 WHERE id = 1`);
    await b.query(`UPDATE ${table} SET v = v + 1 WHERE id = 2`);
    await a.query("COMMIT");
    const serial = await rejection(b.query("COMMIT"));
    expect((serial as { code?: string }).code).toBe("40001");
    expectConflict(serial);

    // Prisma reports it as TransactionWriteConflict.
    const prisma = prismaOn();
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    const tx = (id: number) =>
      prisma.$transaction(
        async (t) => {
          await t.$queryRawUnsafe(`SELECT sum(v) FROM ${table}`);
          if (++arrived === 2) release();
          await both;
          await t.$executeRawUnsafe(`UPDATE ${table} SET v = v + 1 WHERE id = $1`, id);
        },
        { isolationLevel: "Serializable", timeout: 20_000 },
      );
    const settled = await Promise.allSettled([tx(1), tx(2)]);
    const failed = settled.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expectConflict(failed[0]!.reason);

    // Lock timeouts: lock_timeout and NOWAIT, with pg and with Prisma's ORM.
    await a.query("BEGIN");
    await a.query(`SELECT * FROM ${table} WHERE id = 1 FOR UPDATE`);
    await b.query("BEGIN");
    await b.query("SET LOCAL lock_timeout = '50ms'");
    const timedOut = await rejection(b.query(`UPDATE ${table} SET v = v + 1 WHERE id = 1`));
    expect((timedOut as { code?: string }).code).toBe("55P03");
    expectConflict(timedOut);
    await b.query("ROLLBACK");
    const nowait = await rejection(b.query(`SELECT * FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`));
    expect((nowait as { code?: string }).code).toBe("55P03");
    expectConflict(nowait);
    const user = await prisma.user.create({
      data: {
        email: `${randomBytes(5).toString("hex")}@example.test`,
        username: `l${randomBytes(5).toString("hex")}`,
        name: "l",
        passwordHash: "x",
      },
    });
    await a.query("SELECT * FROM users WHERE id = $1 FOR UPDATE", [user.id]);
    const ormTimeout = await rejection(
      prisma.$transaction(async (t) => {
        await t.$executeRaw`SET LOCAL lock_timeout = '50ms'`;
        await t.user.update({ where: { id: user.id }, data: { bio: "late" } });
      }),
    );
    expectConflict(ormTimeout);
    await a.query("ROLLBACK");
    await prisma.user.delete({ where: { id: user.id } });
  });

  it("an interactive transaction that expired under load (P2028) answers UNAVAILABLE", async () => {
    const prisma = prismaOn();
    const expired = await rejection(
      prisma.$transaction(
        async (t) => {
          await new Promise((r) => setTimeout(r, 300));
          return t.user.count();
        },
        { timeout: 50 },
      ),
    );
    expect((expired as { code?: string }).code).toBe("P2028");
    expect(toApiError(expired).code).toBe("UNAVAILABLE");
  });

  it("leaves real request errors alone: a unique violation is CONFLICT, a bad statement INTERNAL", async () => {
    const prisma = prismaOn();
    const username = `u${randomBytes(5).toString("hex")}`;
    const data = { email: `${username}@example.test`, username, name: "u", passwordHash: "x" };
    const user = await prisma.user.create({ data });
    const dup = await rejection(prisma.user.create({ data }));
    expect(isDatabaseUnavailable(dup)).toBe(false);
    expect(isTransientConflict(dup)).toBe(false);
    expect(toApiError(dup).code).toBe("CONFLICT");
    const bad = await rejection(prisma.$queryRawUnsafe("SELECT * FROM no_such_table_here"));
    expect(isDatabaseUnavailable(bad)).toBe(false);
    expect(isTransientConflict(bad)).toBe(false);
    expect(toApiError(bad).code).toBe("INTERNAL");
    await prisma.user.delete({ where: { id: user.id } });
  });

  /** Waits until the backend is running its statement (pg_sleep shows as active). */
  async function blockedOrRunning(pid: number): Promise<void> {
    for (;;) {
      const { rows } = await admin.query<{ state: string }>("SELECT state FROM pg_stat_activity WHERE pid = $1", [pid]);
      if (rows[0]?.state === "active") return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
});
