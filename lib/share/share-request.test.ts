import { describe, expect, it } from "vitest";
import { shareRequestSchema } from "./share-request";

describe("a share link's request", () => {
  it("takes an item named twice once, where first named", () => {
    const entries = [
      { kind: "generation", id: "g1" },
      { kind: "comparison", id: "c1" },
      { kind: "generation", id: "g1" },
      { kind: "comparison", id: "g1" },
    ] as const;
    expect(shareRequestSchema.parse({ title: "Demo", entries }).entries).toEqual([entries[0], entries[1], entries[3]]);
  });
});
