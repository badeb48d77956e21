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
