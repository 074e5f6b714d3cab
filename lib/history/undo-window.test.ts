import { describe, expect, it } from "vitest";
import { UNDO_HOLD_MAX_MS, UNDO_MS, undoDelay } from "./undo-window";

describe("undoDelay", () => {
  it("gives the plain window to a notice no one is at", () => {
    expect(undoDelay(false, 0)).toBe(UNDO_MS);
  });

  it("cuts nothing short when a pointer passes over the notice early", () => {
    expect(undoDelay(false, 2_000)).toBe(UNDO_MS - 2_000);
  });

  it("gives a few seconds more to someone who leaves the notice late", () => {
    expect(undoDelay(false, 30_000)).toBe(6_000);
  });

  it("holds the window open only until the upper bound, however long someone stays at it", () => {
    expect(undoDelay(true, 0)).toBe(UNDO_HOLD_MAX_MS);
    expect(undoDelay(true, 45_000)).toBe(UNDO_HOLD_MAX_MS - 45_000);
    expect(undoDelay(false, 57_000)).toBe(UNDO_HOLD_MAX_MS - 57_000);
    expect(undoDelay(true, 70_000)).toBe(0);
  });
});
