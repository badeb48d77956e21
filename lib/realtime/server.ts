import "server-only";
import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { authenticateToken, type Authenticated } from "@/lib/auth/authenticate";
import { sessionTokenFromCookieHeader } from "@/lib/auth/tokens";
import { env } from "@/lib/env.mjs";
import { resolveClientIp } from "@/lib/http/client-ip";
import { isOwnOrigin, requestProto } from "@/lib/http/origin";
import { logger } from "@/lib/log/logger";
import { apiTokenRoom, NAMESPACES, namespaceOf, setIo, userRoom, type AppNamespace, type AppServer, type NamespaceName } from "./registry";
import { socketCap } from "./socket-cap";

export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** Each namespace's handlers, typed by its contract. */
export type Attachments = { [N in NamespaceName]?: (nsp: AppNamespace<N>) => void };

/** Handshake: `auth.token`, or the session cookie when the Origin is the app's own. */
export async function authenticateHandshake(socket: Socket): Promise<Authenticated | null> {
  const { auth, headers } = socket.handshake;
  const token = typeof auth?.token === "string" && auth.token ? auth.token : null;
  let raw = token;
  if (!raw) {
    const proto = requestProto(headers["x-forwarded-proto"], socket.handshake.secure ? "https" : "http");
    if (!isOwnOrigin(headers.origin, headers.host, proto)) return null;
    raw = sessionTokenFromCookieHeader(headers.cookie);
  }
  if (!raw) return null;
  return authenticateToken(raw);
}

/**
 * One Socket.IO server on the app's HTTP server: the five namespaces, each behind the same
 * handshake authentication, each socket in its user's room so the server can reach or
 * disconnect all of that user's sockets.
 */
export function createRealtime(httpServer: HttpServer, attach: Attachments = {}, adapter?: ServerOptions["adapter"]): AppServer {
  const io: AppServer = new Server(httpServer, {
    ...(adapter ? { adapter } : {}),
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    // Next's dev server needs the upgrades that are not ours (HMR).
    destroyUpgrade: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });

  for (const name of NAMESPACES) {
    const nsp = namespaceOf(io, name);
    nsp.use(async (socket, next) => {
      try {
        const found = await authenticateHandshake(socket);
        if (!found) return next(new Error("UNAUTHENTICATED"));
        // A personal access token opens sockets with `read`; each event checks its own scope.
        if (found.scopes && !found.scopes.includes("read")) return next(new Error("INSUFFICIENT_SCOPE"));
        const { user } = found;
        if (!(await socketCap().admit(name, user.id, socket.id, env().MAX_SOCKETS_PER_USER))) return next(new Error("RATE_LIMITED"));
        socket.data.user = user;
        if (found.scopes) socket.data.apiToken = { id: found.tokenId!, scopes: found.scopes };
        socket.data.connectedAt = Date.now();
        socket.data.ip = resolveClientIp(socket.request.headers, socket.request.socket.remoteAddress, env().TRUST_PROXY);
        next();
      } catch (err) {
        logger.error({ err, ns: name }, "handshake failed");
        next(new Error("UNAUTHENTICATED"));
      }
    });
    nsp.on("connection", (socket) => {
      const { user } = socket.data;
      socket.join(userRoom(user.id));
      // Revoking the token closes what it opened (lib/realtime/listeners/accounts.ts).
      if (socket.data.apiToken) socket.join(apiTokenRoom(socket.data.apiToken.id));
      socket.on(
        "disconnect",
        () =>
          void socketCap()
            .release(name, user.id, socket.id)
            .catch(() => {}),
      );
    });
    (attach[name] as ((nsp: AppNamespace<typeof name>) => void) | undefined)?.(nsp);
  }

  setIo(io);
  return io;
}
