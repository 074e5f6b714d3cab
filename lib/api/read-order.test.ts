import { describe, expect, it } from "vitest";
import type { ComparisonView, GenerationView } from "@/lib/generation/view";
import { generationView } from "@/test/generation-view";
import { laterComparison, laterGeneration, laterItem, withOwnChange } from "./read-order";

const comparison = (starred: boolean, generations: GenerationView[]): ComparisonView =>
  ({ kind: "comparison", id: "c1", createdAt: 0, seed: 1, starred, revealed: false, columns: generations.map((generation) => ({ generation, notes: [] })) }) as unknown as ComparisonView;

describe("a read that answers after the live stream's news", () => {
  const running = generationView({ id: "g1", status: "running" });
  const ended = generationView({ id: "g1", status: "succeeded" });

  it("keeps the ended generation held over a running one read", () => {
    expect(laterGeneration(ended, running)).toBe(ended);
  });

  it("takes the read otherwise: an end read, a newer running state, a first read, another item", () => {
    expect(laterGeneration(running, ended)).toBe(ended);
    const sent = generationView({ id: "g1", status: "running", stage: "sent" });
    expect(laterGeneration(running, sent)).toBe(sent);
    expect(laterGeneration(undefined, running)).toBe(running);
    expect(laterGeneration(generationView({ id: "g2", status: "failed" }), running)).toBe(running);
  });

  it("keeps each ended column of a comparison, and takes the rest of the read", () => {
    const held = comparison(false, [ended, generationView({ id: "g2", status: "running" })]);
    const read = comparison(true, [running, generationView({ id: "g2", status: "failed" })]);
    const kept = laterComparison(held, read);
    expect(kept.starred).toBe(true);
    expect(kept.columns.map((column) => column.generation.status)).toEqual(["succeeded", "failed"]);
    expect(laterComparison(undefined, read)).toBe(read);
  });

  it("a star's answer that arrives after the news of the end keeps the end and takes the star", () => {
    const starredWhileRunning = generationView({ id: "g1", status: "running", starred: true });
    expect(laterItem(ended, starredWhileRunning)).toEqual({ ...ended, starred: true });
    expect(laterItem(undefined, starredWhileRunning)).toBe(starredWhileRunning);
    expect(laterItem(running, ended)).toBe(ended);
  });
});

describe("news read before this tab's own change", () => {
  it("keeps a revealed comparison whole over a copy read before the reveal (its columns are the blind ones)", () => {
    const revealed = { ...comparison(true, [generationView({ id: "g1", status: "succeeded" })]), revealed: true };
    const blind = comparison(false, [generationView({ id: "g1", status: "running" })]);
    expect(withOwnChange(revealed, blind)).toBe(revealed);
    // Read after the reveal: the read, with this tab's star.
    const after = { ...comparison(false, [generationView({ id: "g1", status: "succeeded" })]), revealed: true };
    expect(withOwnChange(revealed, after)).toEqual({ ...after, starred: true });
  });
});
