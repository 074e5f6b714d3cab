import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListedPage } from "@/lib/generation/view";
import { captureConsole, expectErrorBody, listPage, postJson, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** GET /api/generations: a page of the history, or a 400 that says which parameter is wrong and what it takes. */

let harness: RouteHarness;
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 0 });
  const started = await postJson(harness, JSON.stringify({ model: "qwen-image", prompt: "CAFÉ au lait", negativePrompt: "", width: 1328, height: 1328, n: 1, seed: 1, promptExtend: false, watermark: false }));
  expect(started.status, started.text).toBe(202);
  await harness.history.runner.idle();
});
afterAll(async () => {
  await harness?.close();
});

const refusal = async (query: string): Promise<string> => {
  const got = await listPage(harness, query);
  expect(expectErrorBody(got)).toBe("invalid_request");
  return (got.json as { error: { message: string } }).error.message;
};

describe("GET /api/generations", () => {
  it("answers a page for its parameters", async () => {
    const got = await listPage(harness, "q=caf%C3%A9&limit=1");
    expect(got.status, got.text).toBe(200);
    expect((got.json as ListedPage).items.map((item) => item.kind === "generation" && item.request.prompt)).toEqual(["CAFÉ au lait"]);
  });

  it.each([
    ["limit=0", "The history's “limit” parameter takes a whole number from 1 to 100."],
    ["starred=0", "The history's “starred” parameter takes only 1, for favourites alone (left out, it lists everything)."],
    ["q=a%00b", "The history's “q” parameter takes words to find: at most 200 characters, none of them NUL."],
    ["sort=old", "The history takes no parameter named “sort”: only cursor, q, model, status, starred, limit."],
  ])("refuses %s with what the parameter takes", async (query, message) => {
    expect(await refusal(query)).toBe(message);
  });

  it.each([`99999999999999999999:${randomUUID()}`, "5:\u0000", "5:x"])("refuses a cursor it never wrote (%j) as a page that does not exist", async (cursor) => {
    expect(await refusal(`cursor=${Buffer.from(cursor).toString("base64url")}`)).toBe("That page of the history does not exist.");
  });
});
