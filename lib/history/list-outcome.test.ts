import { describe, expect, it } from "vitest";
import { isNews, type ListOutcome } from "./list-outcome";

const outcome = (view: string, shown: number, more = false): ListOutcome => ({ view, filtered: view !== "{}", shown, more });

describe("isNews", () => {
  it("takes the first view in without a word", () => {
    expect(isNews(null, outcome("{}", 12, true))).toBe(false);
  });

  it("says a view chosen since, empty or not", () => {
    expect(isNews(outcome("{}", 12, true), outcome('{"q":"zzzqqq"}', 0))).toBe(true);
    expect(isNews(outcome('{"q":"zzzqqq"}', 0), outcome('{"q":"zzzqqq","status":"failed"}', 0))).toBe(true);
    expect(isNews(outcome("{}", 12, true), outcome('{"status":"failed"}', 1))).toBe(true);
  });

  it("says the same view turned empty, or no longer empty", () => {
    expect(isNews(outcome('{"starred":true}', 1), outcome('{"starred":true}', 0))).toBe(true);
    expect(isNews(outcome('{"starred":true}', 0), outcome('{"starred":true}', 1))).toBe(true);
  });

  it("leaves a page landing, or a run coming, in the same view to the cards", () => {
    expect(isNews(outcome('{"status":"succeeded"}', 12, true), outcome('{"status":"succeeded"}', 24, true))).toBe(false);
    expect(isNews(outcome("{}", 3), outcome("{}", 4))).toBe(false);
  });
});
