import { describe, expect, it } from "vitest";
import { shareRequestSchema } from "./share-request";

const refusals = (body: unknown) => shareRequestSchema.safeParse(body).error?.issues.map(({ path, message }) => `${path.join(".")}: ${message}`) ?? [];

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

  it("refuses a malformed body in its own words, never zod's (which have no translation)", () => {
    expect(refusals("x")).toEqual([": Send a JSON object."]);
    expect(refusals({ title: 1, entries: "x", extra: 1 })).toEqual(["title: The title must be text.", "entries: Send the items to share as a list.", ": Unrecognized key: extra."]);
    expect(refusals({ title: "", entries: [{ kind: "x", id: "" }, { kind: "generation", id: 1, more: 1 }, 3] })).toEqual([
      'entries.0.kind: An item\'s kind must be "generation" or "comparison".',
      "entries.0.id: An item's id must be text of 1 to 100 characters.",
      "entries.1.id: An item's id must be text of 1 to 100 characters.",
      "entries.1: Unrecognized key: more.",
      "entries.2: Send a JSON object.",
    ]);
  });
});
