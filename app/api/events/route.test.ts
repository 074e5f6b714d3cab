import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generation/view";
import { getFeed } from "@/lib/history/live";
import { captureConsole, postJson, startRouteHarness, waitFor, type RouteHarness } from "@/test/route-harness";

/** GET /api/events: a stream per tab, and what happens to a tab that stops reading it. */

let harness: RouteHarness;
let events: typeof import("./route");
let generationId = "";
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 0 });
  events = await import("./route");
  const started = await postJson(harness, JSON.stringify({ model: "qwen-image", prompt: "A kite over dunes", negativePrompt: "", width: 1328, height: 1328, n: 1, seed: 1, promptExtend: false, watermark: false }));
  expect(started.status, started.text).toBe(202);
  generationId = (started.json as GenerationView).id;
  await harness.history.runner.idle();
});
afterAll(async () => {
  await harness?.close();
});

const star = async (starred: boolean) => {
  const request = new Request(`http://localhost/api/generations/${generationId}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ starred }),
  });
  const response = await harness.generation.PATCH(request, { params: Promise.resolve({ id: generationId }) });
  expect(response.status).toBe(200);
};

describe("GET /api/events", () => {
  it("lets go of a stream nobody reads once it holds 500 frames, and keeps serving the others", async () => {
    const feed = await getFeed();
    const abort = new AbortController();
    const stalled = await events.GET(new Request("http://localhost/api/events", { signal: abort.signal }));
    expect(stalled.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const stalledReader = stalled.body?.getReader();
    if (!stalledReader) throw new Error("no stream");
    await waitFor(() => feed.streams === 1, "the stalled stream to subscribe");

    // A reader that does read, to know when each change has gone out: each star is then a frame of its own.
    let frames = 0;
    const stopCounting = await feed.subscribe(null, () => {
      frames += 1;
    });
    try {
      for (let changes = 0; changes < 510 && feed.streams > 1; changes++) {
        const before = frames;
        await star(changes % 2 === 0);
        await waitFor(() => frames > before, `change ${changes} to reach the reading stream`);
      }
      // The reader that read is still served; the one that read nothing was let go with what it queued.
      expect(feed.streams).toBe(1);
      await expect(stalledReader.read()).rejects.toThrow("The reader took nothing from the stream.");
      const before = frames;
      await star(true);
      await waitFor(() => frames > before, "a change after the drop to reach the reading stream");
    } finally {
      stopCounting();
      abort.abort();
    }
  });
});
