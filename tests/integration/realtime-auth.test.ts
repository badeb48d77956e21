import { describe, expect, it } from "vitest";
import { connect, createUser } from "../helpers/client";

const NAMESPACES = ["/rooms", "/photos", "/youtube", "/reactions", "/chat"];

describe("realtime handshake", () => {
  it("accepts auth.token on every namespace", async () => {
    const user = await createUser();
    for (const ns of NAMESPACES) {
      const socket = await connect(ns, { token: user.token });
      expect(socket.connected).toBe(true);
      socket.close();
    }
  });

  it("refuses missing, malformed and forged tokens with UNAUTHENTICATED", async () => {
    for (const ns of NAMESPACES) {
      await expect(connect(ns, {})).rejects.toThrow("UNAUTHENTICATED");
      await expect(connect(ns, { token: "garbage" })).rejects.toThrow("UNAUTHENTICATED");
    }
    await expect(connect("/chat", { token: 42 as unknown as string })).rejects.toThrow("UNAUTHENTICATED");
  });
});

describe("socket limits", () => {
  it("closes a connection that sends a payload over 64 KB, and nothing is stored", async () => {
    const user = await createUser();
    const socket = await connect("/rooms", { token: user.token });
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    socket.emit("send_message", { room_id: "abcdefgh", content: "x".repeat(70 * 1024) });
    expect(await closed).toBe("transport close");
    // The user can reconnect at once: the limit is per message, not a ban.
    const again = await connect("/rooms", { token: user.token });
    expect(again.connected).toBe(true);
    again.close();
  });

  it("caps one user's sockets per namespace at 20, and frees a place when one closes", async () => {
    const user = await createUser();
    const other = await createUser();
    const open = await Promise.all(Array.from({ length: 20 }, () => connect("/chat", { token: user.token })));
    await expect(connect("/chat", { token: user.token })).rejects.toThrow("RATE_LIMITED");
    // Other namespaces and other users are counted apart.
    const rooms = await connect("/rooms", { token: user.token });
    const theirs = await connect("/chat", { token: other.token });
    open.pop()!.close();
    await expect
      .poll(async () => {
        try {
          const s = await connect("/chat", { token: user.token });
          open.push(s);
          return true;
        } catch {
          return false;
        }
      })
      .toBe(true);
    for (const s of [...open, rooms, theirs]) s.close();
  });

  it("gives each connection a budget of events: a flood is refused, others are served, the flooder recovers", async () => {
    const flooder = await createUser();
    const bystander = await createUser();
    const noisy = await connect("/youtube", { token: flooder.token });
    const calm = await connect("/youtube", { token: bystander.token });
    const sync = (s: Awaited<ReturnType<typeof connect>>) =>
      s.timeout(10_000).emitWithAck("time_sync", {}) as Promise<{ success: boolean; code?: string }>;
    const flood = Promise.all(Array.from({ length: 300 }, () => sync(noisy)));
    const started = Date.now();
    const theirs = await sync(calm);
    const calmMs = Date.now() - started;
    const acks = await flood;
    expect(theirs.success).toBe(true);
    // 40 at once at most (plus what refilled meanwhile), the rest refused with the contract's code.
    const served = acks.filter((a) => a.success).length;
    expect(served).toBeGreaterThanOrEqual(40);
    expect(served).toBeLessThan(300);
    expect(acks.filter((a) => !a.success).every((a) => a.code === "RATE_LIMITED")).toBe(true);
    expect(calmMs).toBeLessThan(5_000);
    // A second later the flooder's connection is served again, not cut off.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await sync(noisy)).success).toBe(true);
    noisy.close();
    calm.close();
  });
});
