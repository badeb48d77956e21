// Chat test helpers: /chat sockets that record every event from the first packet on (so nothing
// sent right after the handshake is missed), and senders that stay under the rate limit.
import { io as ioClient, type Socket } from "socket.io-client";
import { api, baseUrl, emitAck, type TestUser } from "./client";

export interface Recorded {
  event: string;
  payload: any;
}

export interface ChatClient {
  socket: Socket;
  user: TestUser;
  events: Recorded[];
  /** The first recorded (or next) `event` whose payload satisfies `match`. */
  waitFor<T = any>(event: string, match?: (payload: any) => boolean, timeoutMs?: number): Promise<T>;
  /** Recorded payloads of `event` that satisfy `match`. */
  seen<T = any>(event: string, match?: (payload: any) => boolean): T[];
  emit<T = any>(event: string, payload?: unknown): Promise<T>;
  /**
   * A round trip on this connection: every event the server sent to this socket before it
   * handled the round trip has arrived when this resolves (one connection delivers in order).
   */
  sync(): Promise<void>;
  close(): void;
}

const clients: ChatClient[] = [];

export function closeAllChatClients(): void {
  for (const c of clients.splice(0)) c.close();
}

export async function chatClient(user: TestUser): Promise<ChatClient> {
  const socket = ioClient(`${baseUrl()}/chat`, {
    path: "/socket.io",
    auth: { token: user.token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    timeout: 10_000,
  });
  const events: Recorded[] = [];
  const waiters = new Set<{ event: string; match: (p: any) => boolean; resolve: (p: any) => void }>();
  socket.onAny((event: string, payload: unknown) => {
    events.push({ event, payload });
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.delete(w);
        w.resolve(payload);
      }
    }
  });
  const client: ChatClient = {
    socket,
    user,
    events,
    waitFor(event, match = () => true, timeoutMs = 10_000) {
      const hit = events.find((e) => e.event === event && match(e.payload));
      if (hit) return Promise.resolve(hit.payload);
      return new Promise((resolve, reject) => {
        const waiter = { event, match, resolve: (p: any) => (clearTimeout(timer), resolve(p)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${user.username}: timed out waiting for ${event}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    seen(event, match = () => true) {
      return events.filter((e) => e.event === event && match(e.payload)).map((e) => e.payload);
    },
    emit: (event, payload) => emitAck(socket, event, payload),
    async sync() {
      // An invalid payload: answered VALIDATION_ERROR, changes nothing.
      await emitAck(socket, "leave_channel", {});
    },
    close: () => socket.close(),
  };
  socket.connect();
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  clients.push(client);
  // The snapshot comes once the server has counted this socket in the user's presence.
  await client.waitFor("presence_snapshot");
  return client;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST a channel message, waiting out the 5-a-second limit if a test sends many. */
export async function say(user: TestUser, slug: string, content: string, extra: Record<string, unknown> = {}) {
  for (;;) {
    const res = await api(`/api/channels/${slug}/messages`, { token: user.token, body: { content, ...extra } });
    if (res.status !== 429) return res;
    await pause(250);
  }
}

/** A direct message over HTTP, waiting out the rate limit likewise. */
export async function dm(user: TestUser, receiver: string, content: string, extra: Record<string, unknown> = {}) {
  for (;;) {
    const res = await api("/api/messages", { token: user.token, body: { receiver, content, message_type: "text", ...extra } });
    if (res.status !== 429) return res;
    await pause(250);
  }
}

export async function createChannel(user: TestUser, body: { name: string; type: string; description?: string; member_ids?: string[] }) {
  const res = await api("/api/channels", { token: user.token, body });
  if (res.status !== 201) throw new Error(`create channel failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.channel as { id: string; slug: string; name: string; type: string; owner_id: string };
}

/** Resolves once `check` holds (polled): for state that arrives by events outside a ChatClient. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await pause(20);
  }
}
