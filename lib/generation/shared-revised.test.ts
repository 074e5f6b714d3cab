import { describe, expect, it } from "vitest";
import { sharedRevisedPrompt } from "./shared-revised";

describe("the revised prompt a generation's images share", () => {
  it("is the one several images all have, none returned included", () => {
    expect(sharedRevisedPrompt([{ revisedPrompt: "a fox at dawn" }, { revisedPrompt: "a fox at dawn" }])).toBe("a fox at dawn");
    expect(sharedRevisedPrompt([{ revisedPrompt: "" }, { revisedPrompt: "" }, { revisedPrompt: "" }])).toBe("");
  });

  it("is none for one image, no image, or images rewritten each their own way", () => {
    expect(sharedRevisedPrompt([{ revisedPrompt: "a fox at dawn" }])).toBeNull();
    expect(sharedRevisedPrompt([])).toBeNull();
    expect(sharedRevisedPrompt([{ revisedPrompt: "a fox at dawn" }, { revisedPrompt: "a fox at dusk" }])).toBeNull();
  });
});
