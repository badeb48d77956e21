import { describe, expect, it } from "vitest";
import { groupCommit } from "@/lib/db/group-commit";

const tick = () => new Promise((r) => setImmediate(r));

describe("groupCommit", () => {
  it("coalesces what arrives while a batch is in flight and answers in order", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    const write = groupCommit<number, string>({
      write: async (items) => {
        batches.push(items);
        await gate;
        return items.map((i) => `#${i}`);
      },
    });
    const first = write(1);
    await tick();
    const rest = [2, 3, 4].map((i) => write(i));
    await tick();
    expect(batches).toEqual([[1]]);
    const order: string[] = [];
    for (const p of [first, ...rest]) void p.then((v) => order.push(v));
    release();
    gate = Promise.resolve();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(order).toEqual(["#1", "#2", "#3", "#4"]);
  });

  it("retries a failed batch item by item, so one bad item fails alone", async () => {
    const write = groupCommit<number, number>({
      write: async (items) => {
        if (items.includes(13)) throw new Error("bad row");
        return items.map((i) => i * 2);
      },
    });
    const results = await Promise.allSettled([1, 13, 3].map((i) => write(i)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(6);
  });

  it("fails the whole batch at once when the database cannot be reached", async () => {
    let calls = 0;
    const write = groupCommit<number, number>({
      write: async () => {
        calls++;
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      },
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => write(i)));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(calls).toBe(1);
  });

  it("caps the batch size", async () => {
    const sizes: number[] = [];
    const write = groupCommit<number, number>({ maxBatch: 2, write: async (items) => (sizes.push(items.length), items) });
    await Promise.all([1, 2, 3, 4, 5].map((i) => write(i)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
