import { describe, expect, it, vi } from "vitest";

describe("the cap's refusal inside the store", () => {
  it("is known as itself to another copy of its module, as the runner sees one thrown by a store another route's bundle made", async () => {
    const ours = await import("./types");
    vi.resetModules();
    const theirs = await import("./types");
    expect(theirs.CapReached).not.toBe(ours.CapReached);
    const thrown = new theirs.CapReached({ running: 2, lingering: 0, freeAt: [] });
    expect(thrown instanceof ours.CapReached).toBe(true);
    expect(new Error("2 gateway calls in flight") instanceof ours.CapReached).toBe(false);
  });
});
