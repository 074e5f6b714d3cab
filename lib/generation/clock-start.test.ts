import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { clockStart } from "./clock-start";

describe("a card's clock", () => {
  it("counts a queued card's wait from its creation, and a sent one's run from its sending", () => {
    expect(clockStart(generationView({ status: "queued", createdAt: 1_000 }))).toBe(1_000);
    expect(clockStart(generationView({ status: "running", createdAt: 1_000, sentAt: 86_000 }))).toBe(86_000);
  });

  it("counts from the creation of a run not sent yet, or too old to say when it was", () => {
    expect(clockStart(generationView({ status: "running", createdAt: 1_000, sentAt: null }))).toBe(1_000);
    // A view from an instance on the code before sending times has no such field.
    const { sentAt: _older, ...older } = generationView({ status: "running", createdAt: 1_000 });
    expect(clockStart(older)).toBe(1_000);
  });
});
