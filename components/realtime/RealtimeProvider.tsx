"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientEvents, NamespaceName, ServerEvents } from "@/lib/realtime/contract";
import { ConnectionIndicator } from "./ConnectionIndicator";

/** Typed socket of each namespace (lib/realtime/contract.ts): what it hears, what it sends. */
export type NamespaceSocket<N extends NamespaceName> = Socket<ServerEvents<N>, ClientEvents<N>>;
export type NamespaceSockets = { [N in NamespaceName]: NamespaceSocket<N> };

export type ConnectionStatus = "connecting" | "connected" | "reconnecting";

/** Namespaces kept open on every page: presence ("online") relies on /chat. */
const ALWAYS_OPEN: NamespaceName[] = ["/chat"];
const SERVER_CLOSE_RETRY_MS = 1_000;
/** After a refused handshake, how long before asking the API whether the session still holds. */
const SESSION_CHECK_DELAY_MS = 1_500;
const MAX_SESSION_RETRIES = 3;
/** An on-demand namespace nobody uses any more is closed after this long (page changes reuse it). */
const IDLE_CLOSE_MS = 10_000;

interface Entry {
  socket: Socket;
  users: number;
  status: ConnectionStatus;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** Sockets per namespace plus their statuses, observable with useSyncExternalStore. */
class SocketPool {
  private entries = new Map<NamespaceName, Entry>();
  private listeners = new Set<() => void>();
  private snapshot: Partial<Record<NamespaceName, ConnectionStatus>> = {};
  private closed = false;

  /** `onUnauthenticated` decides whether a refused handshake means the session is over. */
  constructor(private readonly onUnauthenticated: (retry: () => void) => void) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private publish() {
    const next: Partial<Record<NamespaceName, ConnectionStatus>> = {};
    for (const [ns, entry] of this.entries) next[ns] = entry.status;
    this.snapshot = next;
    for (const l of this.listeners) l();
  }

  private setStatus(ns: NamespaceName, status: ConnectionStatus) {
    const entry = this.entries.get(ns);
    if (!entry || entry.status === status) return;
    entry.status = status;
    this.publish();
  }

  private open(ns: NamespaceName): Entry {
    // Same origin: the browser sends the HttpOnly session cookie and the Origin the server checks.
    // WebSocket only: a same-origin polling GET carries no Origin header, which the handshake requires.
    const socket = io(ns, { path: "/socket.io", withCredentials: true, transports: ["websocket"], autoConnect: false });
    const entry: Entry = { socket, users: 0, status: "connecting" };
    let everConnected = false;
    socket.on("connect", () => {
      everConnected = true;
      this.setStatus(ns, "connected");
    });
    socket.on("disconnect", (reason) => {
      this.setStatus(ns, everConnected ? "reconnecting" : "connecting");
      // The server closed us on purpose (sign-out elsewhere, password change). Retry shortly
      // with whatever cookie we hold then (a password change renews it in the same response).
      if (reason === "io server disconnect") setTimeout(() => !this.closed && !socket.connected && socket.connect(), SERVER_CLOSE_RETRY_MS);
    });
    socket.on("connect_error", (err) => {
      if (err.message === "UNAUTHENTICATED") {
        this.onUnauthenticated(() => !this.closed && socket.connect());
        return;
      }
      if (everConnected) this.setStatus(ns, "reconnecting");
      // A refused handshake (RATE_LIMITED...) is not retried by socket.io itself.
      if (!socket.active && !this.closed) setTimeout(() => !this.closed && socket.connect(), 5_000);
    });
    this.entries.set(ns, entry);
    socket.connect();
    this.publish();
    return entry;
  }

  acquire<N extends NamespaceName>(ns: N): NamespaceSockets[N] {
    const entry = this.entries.get(ns) ?? this.open(ns);
    entry.users++;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    return entry.socket as NamespaceSockets[N];
  }

  release(ns: NamespaceName) {
    const entry = this.entries.get(ns);
    if (!entry) return;
    entry.users = Math.max(0, entry.users - 1);
    if (entry.users > 0 || ALWAYS_OPEN.includes(ns)) return;
    entry.idleTimer = setTimeout(() => {
      if (entry.users > 0) return;
      entry.socket.close();
      this.entries.delete(ns);
      this.publish();
    }, IDLE_CLOSE_MS);
  }

  close() {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      entry.socket.close();
    }
    this.entries.clear();
    this.publish();
  }
}

const PoolContext = createContext<SocketPool | null>(null);
const EMPTY: Partial<Record<NamespaceName, ConnectionStatus>> = {};

/**
 * Live connections for a signed-in user: /chat is opened on every page (presence relies on it),
 * other namespaces when a component asks for them with useSocket(). Shows a discreet
 * "Reconnecting…" notice while a connection that was up is down. Signed-out: nothing is opened.
 */
export function RealtimeProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const router = useRouter();
  // Through a ref: the pool lives as long as the signed-in user, whatever the router object does.
  const routerRef = useRef(router);
  routerRef.current = router;
  const [pool, setPool] = useState<SocketPool | null>(null);
  const refreshed = useRef(false);

  useEffect(() => {
    if (!userId) return;
    let retries = 0;
    const created = new SocketPool((retry) => {
      // A refused handshake: either the session is over (revoked, expired, account deleted), or
      // the cookie was renewed a moment ago (password change). The API tells which.
      setTimeout(async () => {
        const res = await fetch("/api/me", { credentials: "same-origin" }).catch(() => null);
        if (!res) return retry(); // offline: socket.io's own reconnection takes it from here
        if (res.ok) return retries++ < MAX_SESSION_RETRIES ? retry() : undefined;
        if (res.status !== 401) return; // server trouble: stay as we are
        created.close();
        if (!refreshed.current) {
          // Let the server re-render the page signed out (protected pages redirect to /signin).
          refreshed.current = true;
          routerRef.current.refresh();
        }
      }, SESSION_CHECK_DELAY_MS);
    });
    for (const ns of ALWAYS_OPEN) created.acquire(ns);
    setPool(created);
    return () => {
      created.close();
      setPool(null);
    };
  }, [userId]);

  return (
    <PoolContext.Provider value={pool}>
      {children}
      {pool ? <PoolIndicator pool={pool} /> : null}
    </PoolContext.Provider>
  );
}

function PoolIndicator({ pool }: { pool: SocketPool }) {
  const statuses = useSyncExternalStore(pool.subscribe, pool.getSnapshot, () => EMPTY);
  const reconnecting = Object.values(statuses).some((s) => s === "reconnecting");
  return <ConnectionIndicator reconnecting={reconnecting} />;
}

/**
 * The socket of a namespace, opened on first use and shared by every component that asks
 * (null while signed out or before mount): `const socket = useSocket("/rooms")`.
 */
export function useSocket<N extends NamespaceName>(ns: N): NamespaceSockets[N] | null {
  const pool = useContext(PoolContext);
  const [socket, setSocket] = useState<NamespaceSockets[N] | null>(null);
  useEffect(() => {
    if (!pool) {
      setSocket(null);
      return;
    }
    setSocket(pool.acquire(ns));
    return () => pool.release(ns);
  }, [pool, ns]);
  return socket;
}

/** Connection status of one namespace, or of all open ones ("reconnecting" if any is). */
export function useConnectionStatus(ns?: NamespaceName): ConnectionStatus | "offline" {
  const pool = useContext(PoolContext);
  const subscribe = useCallback((l: () => void) => (pool ? pool.subscribe(l) : () => {}), [pool]);
  const statuses = useSyncExternalStore(
    subscribe,
    () => (pool ? pool.getSnapshot() : EMPTY),
    () => EMPTY,
  );
  return useMemo(() => {
    if (!pool) return "offline";
    if (ns) return statuses[ns] ?? "offline";
    const all = Object.values(statuses);
    if (all.includes("reconnecting")) return "reconnecting";
    if (all.includes("connecting")) return "connecting";
    return all.length ? "connected" : "offline";
  }, [pool, ns, statuses]);
}
