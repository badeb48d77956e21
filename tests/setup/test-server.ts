// What the integration and browser suites talk to: a fresh PostgreSQL database (embedded by
// default, or on the server TEST_DATABASE_URL points at) and the real app on a free port.
import { createTestDatabase, startNode } from "./nodes";

export interface TestServer {
  baseUrl: string;
  databaseUrl: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startTestServer(options: { extraEnv?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const mode = process.env.TEST_SERVER_MODE === "prod" ? "prod" : "dev";
  const node = await startNode({
    databaseUrl: database.url,
    mode,
    distDir: process.env.TEST_NEXT_DIST_DIR ?? ".next-test",
    env: { ...(mode === "prod" ? { SKIP_BUILD: "" } : {}), ...options.extraEnv },
  });
  return {
    baseUrl: node.baseUrl,
    databaseUrl: database.url,
    dataDir: node.dataDir,
    pid: node.pid,
    async stop() {
      await node.stop("SIGTERM");
      await database.dispose();
    },
  };
}
