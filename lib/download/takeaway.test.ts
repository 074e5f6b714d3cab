import { describe, expect, it } from "vitest";
import { itemsOfGoneSets, leftOutNote } from "./takeaway";

const none = { deleted: 0, pollGone: 0, blind: 0, more: false };

describe("a poll's sets deleted since", () => {
  it("counts the poll's comparisons none of whose images comes from a set still there", () => {
    const of = (comparisonId: string | null) => ({ comparisonId });
    // A grid deleted since gave three items; one comparison is still there; a column of another was read while
    // its set went (its generation there, its set not).
    const items = [[null, null], [null, null], [null, null], [of("kept"), of("kept")], [of("going"), null]];
    expect(itemsOfGoneSets(items, new Set(["kept"]))).toBe(4);
    expect(itemsOfGoneSets(items, new Set(["kept", "going"]))).toBe(3);
  });

  it("says so in a poll's words, not as chosen items", () => {
    expect(leftOutNote({ ...none, pollGone: 3 }, 0)).toBe("3 of the poll's comparisons are left out: each came from a set deleted since.");
    expect(leftOutNote({ ...none, pollGone: 1 }, 0)).toBe("1 of the poll's comparisons is left out: it came from a set deleted since.");
    expect(leftOutNote({ ...none, deleted: 2 }, 0)).toBe("2 chosen items were deleted since and are left out.");
    expect(leftOutNote(none, 0)).toBeNull();
  });
});
