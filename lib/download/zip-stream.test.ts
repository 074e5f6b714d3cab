import { describe, expect, it } from "vitest";
import { zipLeftOut, zipRoom } from "./zip-stream";

describe("what a zip without ZIP64 holds", () => {
  it("takes files while both the bytes and the count fit, and none after the first that does not", () => {
    const room = zipRoom({ bytes: 100, files: 3 });
    expect([room.take(60), room.take(30), room.take(20), room.take(1), room.take(0)]).toEqual([true, true, false, false, false]);
  });

  it("says which images are not in it, and why", () => {
    expect(zipLeftOut({ gone: [], unreadable: [], over: [] })).toEqual([]);
    expect(zipLeftOut({ gone: ["a.png"], unreadable: ["d.png"], over: ["b.png", "c.png"] })).toEqual([
      "1 image was deleted while this zip was written, so it is not in it: a.png.",
      "1 image could not be read from storage (damaged, or the storage failed), so it is not in it: d.png.",
      "2 more images are left out: a zip holds at most 4 GB and 65,000 files. Download the rest in smaller parts: b.png, c.png.",
    ]);
  });
});
