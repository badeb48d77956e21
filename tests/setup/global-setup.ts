import type { TestProject } from "vitest/node";
import path from "node:path";
import { startSmtpSink, type SmtpSink } from "./smtp";
import { startTestServer, type TestServer } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    dataDir: string;
    /** The app server's process id (e.g. to watch its memory). */
    serverPid: number;
    /** Where the in-process SMTP server writes what it receives (tests/helpers/mail.ts). */
    smtpDir: string;
  }
}

let server: TestServer | undefined;
let smtp: SmtpSink | undefined;

export async function setup(project: TestProject) {
  // TEST-NET-1 stands in for a campus NAT exempt from per-address limits (tests/integration/limits.test.ts).
  // The app sends mail to a real SMTP server in this process (the mail and reset tests read it).
  smtp = await startSmtpSink(path.resolve(`.data/test-smtp/${Date.now().toString(36)}_${process.pid}`));
  server = await startTestServer({
    extraEnv: {
      RATE_LIMIT_EXEMPT_NETWORKS: "192.0.2.0/24",
      SMTP_URL: smtp.url,
      MAIL_FROM: "Mem2gether <no-reply@mem2gether.test>",
      // A short presence grace keeps "offline" quick to await; the cluster suite tests the real one.
      PRESENCE_GRACE_MS: "300",
      // Webhook receivers in the tests listen on 127.0.0.1, and a retry comes after a second, not 30
      // (the refusal of internal targets is tested in tests/unit/webhooks-ssrf.test.ts and the cluster suite).
      WEBHOOK_ALLOW_PRIVATE: "true",
      WEBHOOK_RETRY_BASE_SECONDS: "1",
    },
  });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("dataDir", server.dataDir);
  project.provide("serverPid", server.pid);
  project.provide("smtpDir", smtp.dir);
}

export async function teardown() {
  await server?.stop();
  await smtp?.stop();
}
