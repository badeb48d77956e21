// The baseline: a minimal Socket.IO server doing what the app does on the wire, and nothing
// else (no auth, no database). Same machine, same payloads.
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.env.PORT);
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

io.on("connection", (socket) => {
  socket.on("join_room", ({ room_id }: { room_id: string }, ack?: (r: unknown) => void) => {
    void socket.join(room_id);
    ack?.({ success: true });
  });
  socket.on("send_message", (payload: { room_id: string; content: string; client_id?: string }, ack?: (r: unknown) => void) => {
    const message = { id: Math.random().toString(36).slice(2), room_id: payload.room_id, content: payload.content, created_at: new Date().toISOString() };
    io.to(payload.room_id).emit("message_created", { message });
    ack?.({ success: true, message });
  });
});

httpServer.listen(port, "127.0.0.1", () => process.send?.("ready"));
