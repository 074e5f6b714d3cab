import { describe, expect, it } from "vitest";
import { pollRequestSchema } from "./poll-request";

const request = (title: string) => ({ title, sets: ["set"], reveal: "after_vote", access: "gate" });
const titleProblems = (title: string) => pollRequestSchema.safeParse(request(title)).error?.issues.map((issue) => issue.message) ?? [];

describe("a poll's title", () => {
  // zod counts a string's length in code points past a limit, as the title's counter does: the two agree.
  it("may have 200 characters, counted as its counter counts them: an emoji or a rare CJK character is one", () => {
    expect(titleProblems("x".repeat(200))).toEqual([]);
    expect(titleProblems("🏠".repeat(200))).toEqual([]);
    expect(titleProblems("𠀀".repeat(200))).toEqual([]);
  });

  it("is refused at 201 characters, with the reason", () => {
    expect(titleProblems("🏠".repeat(201))).toEqual(["A poll's title may be at most 200 characters."]);
  });

  it("is refused holding half of an emoji, as a share link's title is, rather than stored changed", () => {
    for (const half of ["\ud800", "\udc00", "🏠".slice(0, 1)]) {
      expect(titleProblems(`a${half}b`)).toEqual(["The title holds a broken character (half of an emoji or a rare character). Type or paste it again."]);
    }
    expect(titleProblems("a🏠b")).toEqual([]);
  });

  it("is counted without the spaces around it", () => {
    expect(titleProblems(`  ${"x".repeat(200)}  `)).toEqual([]);
    expect(titleProblems("   ")).toEqual(["Give the poll a title."]);
  });
});
