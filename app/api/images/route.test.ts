import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GenerationView } from "@/lib/generation/view";
import { captureConsole, jsonPost, post, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** A stored image served from the folder backend, by the real route. */

let harness: RouteHarness;
let logs: ReturnType<typeof captureConsole>;
let image: typeof import("./[id]/route");
let thumb: typeof import("./[id]/thumb/route");
beforeAll(async () => {
  logs = captureConsole();
  harness = await startRouteHarness();
  image = await import("./[id]/route");
  thumb = await import("./[id]/thumb/route");
});
afterAll(async () => {
  await harness?.close();
});

const openFiles = () => readdirSync("/proc/self/fd").length;

const BODY = { model: "wan2.6-t2i", prompt: "a lighthouse", negativePrompt: "", width: 1280, height: 1280, n: 1, seed: 5, promptExtend: false, watermark: false };
const generate = async () => (await post(harness, jsonPost(JSON.stringify(BODY), { prefer: "wait=20" }))).json as GenerationView;

describe("a stored image", () => {
  it("is let go when nothing will read it: a HEAD, or a browser gone before the answer; a GET reads whole", async () => {
    const made = await generate();
    const id = made.images[0]?.id ?? "";
    const params = { params: Promise.resolve({ id }) };
    const url = `http://localhost/api/images/${id}`;

    const read = await image.GET(new Request(url), params);
    expect(read.status).toBe(200);
    expect((await read.arrayBuffer()).byteLength).toBe(Number(read.headers.get("content-length")));

    const before = openFiles();
    for (let round = 0; round < 20; round++) {
      const head = await image.GET(new Request(url, { method: "HEAD" }), params);
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe("image/png");
      expect(head.body).toBeNull();
      await thumb.GET(new Request(`${url}/thumb`, { signal: AbortSignal.abort() }), params);
    }
    // Each answer above left unread would hold its file open for good.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openFiles() - before).toBeLessThan(5);
  });

  it("whose file cannot be removed now (the bucket throttling) does not turn its record's delete into an error: it is logged, and left to the sweep", async () => {
    const made = await generate();
    const remove = vi.spyOn(harness.history.images, "remove").mockRejectedValue(new Error("SlowDown: Please reduce your request rate."));
    try {
      const deleted = await harness.generation.DELETE(new Request(`http://localhost/api/generations/${made.id}`, { method: "DELETE" }), { params: Promise.resolve({ id: made.id }) });
      expect(deleted.status).toBe(204);
      expect(await harness.history.store.get(made.id)).toBeNull();
      expect(logs.some((log) => log.level === "error" && log.line.includes("could not be removed now") && log.line.includes("SlowDown"))).toBe(true);
    } finally {
      remove.mockRestore();
    }
  });
});
