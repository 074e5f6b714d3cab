import { describe, expect, it } from "vitest";
import { absorb, firstLook, lookAgain } from "./run-endings";
import type { ComparisonView, GenerationStatus, GenerationView, HistoryItem } from "./view";

const generation = (id: string, status: GenerationStatus, createdAt = 100): GenerationView => ({ kind: "generation", id, status, createdAt }) as GenerationView;
const set = (id: string, ...statuses: GenerationStatus[]): ComparisonView =>
  ({ kind: "comparison", id, createdAt: 100, columns: statuses.map((status, index) => ({ generation: generation(`${id}-${index}`, status), notes: [] })) }) as unknown as ComparisonView;
const ended = (before: readonly HistoryItem[], now: readonly HistoryItem[]) => lookAgain(firstLook(before), now).ended.map((item) => item.id);

describe("items that ended since the last look", () => {
  it("are those seen running then, and running no more now, whatever their ending", () => {
    const before = [generation("a", "running"), generation("b", "queued"), generation("c", "running"), generation("d", "succeeded"), set("s", "running", "succeeded")];
    const now = [generation("a", "succeeded"), generation("b", "failed"), generation("c", "running"), generation("d", "succeeded"), set("s", "cancelled", "succeeded")];
    expect(ended(before, now)).toEqual(["a", "b", "s"]);
  });

  it("a set ends with its last running column, not its first", () => {
    const first = lookAgain(firstLook([set("s", "running", "running")]), [set("s", "succeeded", "running")]);
    expect(first.ended).toEqual([]);
    expect(lookAgain(first.seen, [set("s", "succeeded", "failed")]).ended.map((item) => item.id)).toEqual(["s"]);
  });

  it("include one made since the first look that arrives already ended (refused at once), but not an older one scrolled to", () => {
    const before = [generation("newest", "succeeded", 500)];
    expect(ended(before, [generation("refused", "failed", 600), generation("new-running", "running", 700), ...before, generation("older", "failed", 50)])).toEqual(["refused"]);
    // On an empty history, whatever comes next is new.
    expect(ended([], [generation("first", "failed", 1)])).toEqual(["first"]);
  });

  it("tell nothing of what another view of the list brings in that ended out of view", () => {
    const seen = firstLook([generation("old", "succeeded", 100)]);
    const filtered = absorb(seen, [generation("ended-while-filtered-out", "succeeded", 300)]);
    expect(lookAgain(filtered, [generation("ended-while-filtered-out", "succeeded", 300), generation("old", "succeeded", 100)]).ended).toEqual([]);
    // What runs from then on is told of as usual.
    const running = lookAgain(filtered, [generation("next", "running", 400)]);
    expect(lookAgain(running.seen, [generation("next", "succeeded", 400)]).ended.map((item) => item.id)).toEqual(["next"]);
  });

  it("tell nothing of the first look, nor of an item told of already", () => {
    const items = [generation("a", "failed")];
    const once = lookAgain(firstLook([]), [generation("b", "running", 200)]);
    const twice = lookAgain(once.seen, [generation("b", "failed", 200)]);
    expect(twice.ended.map((item) => item.id)).toEqual(["b"]);
    expect(lookAgain(twice.seen, [generation("b", "failed", 200)]).ended).toEqual([]);
    expect(lookAgain(firstLook(items), items).ended).toEqual([]);
  });
});
