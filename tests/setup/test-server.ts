// What the integration and browser suites talk to: a fresh PostgreSQL database (embedded by
// default, or on the server TEST_DATABASE_URL points at) and the real app on a free port.
import { buildApp, createTestDatabase, PROD_DIST_DIR, startNode } from "./nodes";

export interface TestServer {
  baseUrl: string;
  databaseUrl: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startTestServer(options: { extraEnv?: Record<string, string> } = {}): Promise<TestServer> {
  // `npm test` and the browser suite run the shared production build (TEST_SERVER_MODE=prod):
  // no compiles under the tests' feet, and one build for every suite. A single file run with
  // `npx vitest run <file>` gets a dev server instead, which needs no build.
  const mode = process.env.TEST_SERVER_MODE === "prod" ? "prod" : "dev";
  if (mode === "prod") {
    const started = Date.now();
    buildApp();
    console.log(`test server: production build ready in ${Math.round((Date.now() - started) / 1000)}s`);
  }
  const database = await createTestDatabase();
  const node = await startNode({
    databaseUrl: database.url,
    mode,
    distDir: mode === "prod" ? PROD_DIST_DIR : ".next-test",
    env: { ...options.extraEnv },
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
