import "server-only";
import { db } from "@/lib/db/prisma";
import { peekSingleton, setSingleton } from "@/lib/system/singleton";

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    draining: boolean;
  }
}

/** Set on SIGTERM: readiness turns false before the server stops accepting work. */
export function setDraining(value: boolean): void {
  setSingleton("draining", value);
}
export const isDraining = () => peekSingleton("draining") === true;

export async function databaseStatus(): Promise<{ reachable: boolean; latency_ms: number | null }> {
  const started = performance.now();
  try {
    await Promise.race([db().$queryRaw`SELECT 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000))]);
    return { reachable: true, latency_ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { reachable: false, latency_ms: null };
  }
}
