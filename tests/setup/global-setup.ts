import type { TestProject } from "vitest/node";
import { startTestServer, type TestServer } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    dataDir: string;
    /** The app server's process id (e.g. to watch its memory). */
    serverPid: number;
  }
}

let server: TestServer | undefined;

export async function setup(project: TestProject) {
  // TEST-NET-1 stands in for a campus NAT exempt from per-address limits (tests/integration/limits.test.ts).
  // A short presence grace keeps "offline" quick to await; the cluster suite tests the real one.
  server = await startTestServer({ extraEnv: { RATE_LIMIT_EXEMPT_NETWORKS: "192.0.2.0/24", PRESENCE_GRACE_MS: "300" } });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("dataDir", server.dataDir);
  project.provide("serverPid", server.pid);
}

export async function teardown() {
  await server?.stop();
}
