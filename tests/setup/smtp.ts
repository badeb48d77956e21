// A real SMTP server in-process (smtp-server) for the suites: every mail it accepts is written
// to `dir` as an .eml file, which tests read and parse (tests/helpers/mail.ts). A recipient whose
// address contains "+smtpfail" is refused once with a temporary error, to prove retries.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { freePort } from "../../lib/db/embedded";

export interface SmtpSink {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startSmtpSink(dir: string): Promise<SmtpSink> {
  mkdirSync(dir, { recursive: true });
  const refused = new Set<string>();
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (to.includes("+smtpfail") && !refused.has(to)) {
        refused.add(to);
        writeFileSync(path.join(dir, `refused-${Date.now()}-${++count}.txt`), to);
        const err = Object.assign(new Error("Try again later"), { responseCode: 451 });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        writeFileSync(path.join(dir, `${Date.now()}-${process.pid}-${++count}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
