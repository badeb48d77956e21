import { randomBytes } from "node:crypto";
import { io as ioClient, type Socket } from "socket.io-client";
import { inject } from "vitest";
import { addressFor } from "./address";

export const baseUrl = () => inject("baseUrl");

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T & { success: boolean; error?: string; code?: string; details?: Record<string, string[]> };
  headers: Headers;
}

/** Sees every answer api() receives (the OpenAPI conformance walk validates them). */
type Recorder = (answer: { method: string; path: string; status: number; contentType: string | null; body: unknown }) => void;
let recorder: Recorder | undefined;
export function recordAnswers(fn: Recorder | undefined): void {
  recorder = fn;
}

export async function api<T = Record<string, any>>(
  path: string,
  options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { "x-forwarded-for": addressFor(options.token), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.body);
  }
  const method = options.method ?? (body ? "POST" : "GET");
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { raw: text };
  }
  recorder?.({ method, path, status: res.status, contentType: res.headers.get("content-type"), body: parsed });
  return { status: res.status, body: parsed, headers: res.headers };
}

export const unique = (prefix = "u") => `${prefix}${randomBytes(5).toString("hex")}`;

export interface TestUser {
  id: string;
  username: string;
  email: string;
  password: string;
  token: string;
  role: "student" | "instructor";
}

export async function createUser(overrides: { role?: "student" | "instructor"; name?: string; password?: string } = {}): Promise<TestUser> {
  const username = unique("user");
  const email = `${username}@example.test`;
  const password = overrides.password ?? "correct horse battery";
  const reg = await api("/api/auth/register", {
    body: { email, username, password, role: overrides.role, name: overrides.name },
  });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  // Without INSTRUCTOR_SIGNUP_CODE an instructor sign-up is a request: the test administrator approves it.
  if (overrides.role === "instructor" && reg.body.user.role !== "instructor") {
    const ok = await api(`/api/admin/users/${reg.body.user.id}/instructor-request`, {
      body: { action: "approve" },
      token: await adminToken(),
    });
    if (ok.status !== 200) throw new Error(`instructor approval failed: ${ok.status} ${JSON.stringify(ok.body)}`);
  }
  const tok = await api("/api/auth/token", { body: { username, password } });
  if (tok.status !== 200) throw new Error(`token failed: ${tok.status} ${JSON.stringify(tok.body)}`);
  return { id: reg.body.user.id, username, email, password, token: tok.body.token, role: tok.body.user.role };
}

/** The administrator the test servers name in ADMIN_EMAILS (tests/setup/nodes.ts), created by whichever file asks first. */
export const ADMIN = { email: "admin@example.test", username: "admin", password: "harbor lights 1987" };
let adminTokenPromise: Promise<string> | undefined;

export function adminToken(): Promise<string> {
  return (adminTokenPromise ??= (async () => {
    const signIn = () => api("/api/auth/token", { body: { email: ADMIN.email, password: ADMIN.password } });
    let tok = await signIn();
    if (tok.status === 401) {
      const reg = await api("/api/auth/register", { body: { ...ADMIN, name: "School Admin" } });
      if (reg.status !== 201 && reg.status !== 409) throw new Error(`admin register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
      tok = await signIn();
    }
    if (tok.status !== 200) throw new Error(`admin token failed: ${tok.status} ${JSON.stringify(tok.body)}`);
    return tok.body.token as string;
  })());
}

/** A connected socket.io client, or a rejection with the connect_error message. */
export function connect(
  namespace: string,
  auth: { token?: string } | undefined,
  options: { extraHeaders?: Record<string, string> } = {},
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = ioClient(`${baseUrl()}${namespace}`, {
      path: "/socket.io",
      auth: auth ?? {},
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: { "x-forwarded-for": addressFor(auth?.token), ...options.extraHeaders },
      timeout: 10_000,
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function emitAck<T = any>(socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/**
 * The next `event` (matching `predicate`, when given). Broadcasts through a cluster adapter can
 * arrive after the ack of a later action, so assertions on state wait for the state, not just
 * for the next event.
 */
export function nextEvent<T = any>(
  socket: Socket,
  event: string,
  predicate: ((p: T) => boolean) | number = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  const test = typeof predicate === "function" ? predicate : () => true;
  const ms = typeof predicate === "number" ? predicate : timeoutMs;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const on = (payload: T) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}

export function waitForDisconnect(socket: Socket, timeoutMs = 10_000): Promise<string> {
  if (!socket.connected) return Promise.resolve("already");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket was not disconnected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
