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
    await expect.poll(async () => {
      try {
        const s = await connect("/chat", { token: user.token });
        open.push(s);
        return true;
      } catch {
        return false;
      }
    }).toBe(true);
    for (const s of [...open, rooms, theirs]) s.close();
  });
});
