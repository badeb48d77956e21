// The baseline: a minimal Socket.IO server doing what the app does on the wire, and nothing
// else (no auth, no database). Same machine, same payloads.
import { createServer } from "node:http";
import { transports } from "engine.io";
import { Server } from "socket.io";

const port = Number(process.env.PORT);
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

// RAW_COALESCE=1 (the broadcast-cost experiment): a room's messages of one event-loop turn go
// out as one `messages_created {messages}` frame instead of one `message_created` each.
// RAW_COALESCE=cork: still one frame per message (what listeners see is unchanged), but the
// frames engine.io flushes together to one socket go out in one write instead of one each.
const coalesce = process.env.RAW_COALESCE === "1";
if (process.env.RAW_COALESCE === "cork") {
  type Ws = { socket: { _socket?: { cork(): void; uncork(): void } } };
  const proto = (transports as unknown as Record<string, { prototype: { send(this: Ws, packets: unknown[]): void } }>).websocket!.prototype;
  const send = proto.send;
  proto.send = function (this: Ws, packets: unknown[]) {
    const tcp = this.socket._socket;
    tcp?.cork();
    try {
      send.call(this, packets);
    } finally {
      tcp?.uncork();
    }
  };
}
const pending = new Map<string, unknown[]>();
function broadcast(room: string, message: unknown) {
  if (!coalesce) return void io.to(room).emit("message_created", { message });
  const queued = pending.get(room);
  if (queued) return void queued.push(message);
  pending.set(room, [message]);
  setImmediate(() => {
    const messages = pending.get(room)!;
    pending.delete(room);
    io.to(room).emit("messages_created", { messages });
  });
}

let n = 0;
io.on("connection", (socket) => {
  socket.on("join_room", ({ room_id }: { room_id: string }, ack?: (r: unknown) => void) => {
    void socket.join(room_id);
    ack?.({ success: true });
  });
  socket.on("send_message", (payload: { room_id: string; content: string; client_id?: string }, ack?: (r: unknown) => void) => {
    // The app's message shape, field for field, so both sides encode and parse the same bytes.
    const created = new Date().toISOString();
    const id = `c${Date.now().toString(36).padStart(9, "0")}${(n++).toString(36).padStart(4, "0")}${Math.random().toString(16).slice(2, 13)}`;
    const message = {
      id,
      room_id: payload.room_id,
      author: { id: "bench0", username: "b0", name: "Bench 0", avatar_url: null, role: "student" },
      content: payload.content,
      client_id: payload.client_id ?? null,
      created_at: created,
      cursor: Buffer.from(`${Date.parse(created)}:${id}`).toString("base64url"),
    };
    broadcast(payload.room_id, message);
    ack?.({ success: true, message });
  });
});

// The bench's memory reading, after a full collection (forked with --expose-gc).
process.on("message", (m) => {
  if (m !== "memory") return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ memory: process.memoryUsage() });
});

httpServer.listen(port, "127.0.0.1", () => process.send?.("ready"));
