import { describe, expect, it } from "vitest";
import { createMadeOnce } from "./made-once";

describe("made once", () => {
  it("makes a key once however many ask at the same time, and keeps it", async () => {
    const made = createMadeOnce(1_000);
    let calls = 0;
    const make = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return Buffer.alloc(100, 1);
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => made("a", make)));
    expect(calls).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await made("a", make);
    expect(calls).toBe(1);
  });

  it("lets the least recently asked go once the bytes kept pass the bound", async () => {
    const made = createMadeOnce(250);
    const calls: string[] = [];
    const make = (key: string) => async () => {
      calls.push(key);
      return Buffer.alloc(100);
    };
    await made("a", make("a"));
    await made("b", make("b"));
    await made("a", make("a"));
    // "c" passes the bound: "b", asked least recently, goes; "a" stays.
    await made("c", make("c"));
    await made("a", make("a"));
    await made("b", make("b"));
    expect(calls).toEqual(["a", "b", "c", "b"]);
  });

  it("keeps no failure: the next ask makes it again", async () => {
    const made = createMadeOnce(1_000);
    let calls = 0;
    const make = async () => {
      calls++;
      if (calls === 1) throw new Error("decode failed");
      return Buffer.alloc(10);
    };
    await expect(made("a", make)).rejects.toThrow("decode failed");
    expect((await made("a", make)).length).toBe(10);
    expect(calls).toBe(2);
  });
});
