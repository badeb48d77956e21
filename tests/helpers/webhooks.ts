// A real webhook receiver for the tests: a node:http server on 127.0.0.1 that records every
// request and answers what the test says (200 by default, or holds the request open).
import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; created_at: string; data: any };
  at: number;
}

/** What to answer: a status, or "hold" (never answer: the request stays open until the server closes). */
export type Answer = number | "hold";

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; afterwards `fallback`. */
  answers: Answer[];
  fallback: Answer;
  /** Requests of this event (by X-Mem2gether-Event) whose data matches. */
  of(event: string, match?: (data: any) => boolean): Received[];
  /** Resolves with the first `count` matching requests, polling the log. */
  waitFor(event: string, match?: (data: any) => boolean, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const received: Received[] = [];
  const open = new Set<http.ServerResponse>();
  const receiver: Receiver = {
    url: "",
    received,
    answers: [],
    fallback: 200,
    of: (event, match = () => true) => received.filter((r) => r.headers["x-mem2gether-event"] === event && match(r.json.data)),
    async waitFor(event, match, count = 1, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = receiver.of(event, match);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(`no ${count} × ${event} at the receiver (got ${received.map((r) => r.json.event).join(", ") || "nothing"})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: Received["json"];
      try {
        json = JSON.parse(body);
      } catch {
        json = { id: "", event: "", created_at: "", data: null };
      }
      received.push({ headers: req.headers, body, json, at: Date.now() });
      const answer = receiver.answers.shift() ?? receiver.fallback;
      if (answer === "hold") {
        open.add(res);
        return;
      }
      res.writeHead(answer, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

/**
 * The signature header checked as a receiver would, independently of the app's code: the HMAC of
 * "<t>.<body>" recomputed with the secret, and `t` within five minutes.
 */
export function signedWith(secret: string, r: Received): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers["x-mem2gether-signature"] ?? ""));
  if (!m) return false;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${m[1]}.${r.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, "hex"));
}
