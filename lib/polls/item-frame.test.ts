import { describe, expect, it } from "vitest";
import type { Poll } from "./poll";
import { itemAspect, openItemShowing } from "./item-frame";

const poll = (id: string, closedAt: number | null, imageIds: string[][]): Poll => ({
  id,
  token: `token-${id}`,
  createdAt: 1,
  title: id,
  reveal: "after_vote",
  access: "link",
  closedAt,
  items: imageIds.map((ids) => ({ prompt: ids.join(" "), candidates: ids.map((imageId) => ({ generationId: `g-${imageId}`, imageId, model: "qwen-image" })) })),
  leftOut: [],
});

describe("a poll item's frame", () => {
  it("is the mean shape of its images, and none without images", () => {
    expect(itemAspect([{ width: 1280, height: 720 }, { width: 1328, height: 1328 }])).toBeCloseTo((16 / 9 + 1) / 2);
    expect(itemAspect([])).toBeNull();
  });

  it("is asked of the item of an open poll that shows the image; a closed poll's shows it as it is", () => {
    const polls = [poll("closed", 5, [["a", "b"]]), poll("open", null, [["c"], ["a", "d"]])];
    expect(openItemShowing(polls, "a")?.prompt).toBe("a d");
    expect(openItemShowing(polls, "b")).toBeNull();
    expect(openItemShowing(polls, "z")).toBeNull();
  });
});
