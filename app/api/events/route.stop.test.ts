import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFeed } from "@/lib/history/live";
import { processStop } from "@/lib/process-stop";
import { captureConsole, postJson, startRouteHarness, waitFor, type RouteHarness } from "@/test/route-harness";

/**
 * A stop of the server (SIGINT, SIGTERM) with a tab's stream open and a script waiting on a generation: Next
 * exits only once every open request has ended, so neither may wait for what never comes. The stop is this
 * process's, once: it has a file of its own.
 */

let harness: RouteHarness;
let events: typeof import("./route");
beforeAll(async () => {
  captureConsole();
  // The gateway takes longer than the test waits for the answer.
  harness = await startRouteHarness({ latencyMs: 2_500 });
  events = await import("./route");
});
afterAll(async () => {
  await harness?.close();
});

const GENERATION = JSON.stringify({ model: "qwen-image", prompt: "A kite over dunes", negativePrompt: "", width: 1328, height: 1328, n: 1, seed: 1, promptExtend: false, watermark: false });

describe("a stop of the server", () => {
  it("ends the open streams and a wait for a generation at once, with no wait for the gateway", async () => {
    const feed = await getFeed();
    const stream = await events.GET(new Request("http://localhost/api/events"));
    const reader = stream.body?.getReader();
    if (!reader) throw new Error("no stream");
    await waitFor(() => feed.streams === 1, "the stream to subscribe");
    const waiting = postJson(harness, GENERATION, { prefer: "wait=60" });
    await waitFor(() => harness.server.simulator.stats().calls > 0, "the generation to reach the gateway");

    const stoppedAt = Date.now();
    processStop().begin("SIGTERM");
    // Errored, not closed: Next then drops the connection rather than keep it alive, and says nothing of it.
    for (;;) {
      const read = reader.read();
      const next = await read.catch((error: unknown) => error);
      if (next instanceof Error) {
        expect(next.name).toBe("AbortError");
        break;
      }
      expect((next as ReadableStreamReadResult<Uint8Array>).done).toBe(false);
    }
    expect(feed.streams).toBe(0);
    const answer = await waiting;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ status: "running" });
    expect(answer.headers.get("connection")).toBe("close");
  });

  it("ends a stream asked for while it stops before it begins, and closes the connection", async () => {
    const stream = await events.GET(new Request("http://localhost/api/events"));
    expect(stream.headers.get("connection")).toBe("close");
    await expect(stream.body?.getReader().read()).rejects.toMatchObject({ name: "AbortError" });
    expect((await getFeed()).streams).toBe(0);
  });
});
