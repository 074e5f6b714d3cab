import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { parseListQuery } from "./list-query-schema";

const refusalOf = (query: string): AppError => {
  try {
    parseListQuery(new URLSearchParams(query));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${query} was read`);
};

describe("the history list's parameters", () => {
  it("are read with a page size by default", () => {
    expect(parseListQuery(new URLSearchParams(""))).toEqual({ limit: 12 });
    expect(parseListQuery(new URLSearchParams("q=a+fox&model=qwen-image&status=failed&starred=1&limit=100&cursor=abc"))).toEqual({
      q: "a fox",
      model: "qwen-image",
      status: "failed",
      starred: "1",
      limit: 100,
      cursor: "abc",
    });
  });

  it("take a parameter left blank as one not given, as a script filling in the README's template sends it", () => {
    expect(parseListQuery(new URLSearchParams("q=&model=&status=&starred=&cursor=&limit="))).toEqual({ limit: 12 });
    expect(parseListQuery(new URLSearchParams("q=fox&model=&limit="))).toEqual({ q: "fox", limit: 12 });
  });

  it.each([
    ["limit=0", "limit", "The history's “limit” parameter takes a whole number from 1 to 100."],
    ["limit=101", "limit", "The history's “limit” parameter takes a whole number from 1 to 100."],
    ["limit=2.5", "limit", "The history's “limit” parameter takes a whole number from 1 to 100."],
    ["starred=0", "starred", "The history's “starred” parameter takes only 1, for favourites alone (left out, it lists everything)."],
    ["status=done", "status", "The history's “status” parameter takes one of queued, running, succeeded, failed, cancelled, interrupted."],
    ["q=a%00b", "q", "The history's “q” parameter takes words to find: at most 200 characters, none of them NUL."],
    [`q=${"x".repeat(201)}`, "q", "The history's “q” parameter takes words to find: at most 200 characters, none of them NUL."],
    [`cursor=${"x".repeat(201)}`, "cursor", "The history's “cursor” parameter takes only the nextCursor of the page before."],
    ["page=2&sort=old", "page,sort", "The history takes no parameter named “page”, “sort”: only cursor, q, model, status, starred, limit."],
  ])("refuses %s, naming the parameter and what it takes", (query, field, message) => {
    const refusal = refusalOf(query);
    expect(refusal).toMatchObject({ code: "invalid_request", status: 400, message });
    expect(refusal.fields).toEqual([{ field, message }]);
  });

  it("names every model a filter can take", () => {
    expect(refusalOf("model=nope").message).toMatch(/^The history's “model” parameter takes one of wan2\.6-t2i, .*qwen-image-edit\.$/);
  });

  it("lists every parameter wrong in its fields, the first in its message", () => {
    const refusal = refusalOf("limit=0&starred=yes");
    expect(refusal.fields?.map((issue) => issue.field)).toEqual(["starred", "limit"]);
    expect(refusal.message).toBe(refusal.fields?.[0]?.message);
  });
});
