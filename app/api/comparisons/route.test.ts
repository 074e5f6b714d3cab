import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { getGenerationRateLimit } from "@/lib/limits";
import { findModel } from "@/lib/models/registry";
import { checkSize } from "@/lib/models/size-rules";
import type { ShareCreated } from "@/lib/share/share-request";
import { captureConsole, expectErrorBody, startRouteHarness, waitFor, type RouteHarness } from "@/test/route-harness";

/** The comparison and share routes in-process, against the simulator on a real socket. */

let harness: RouteHarness;
let comparisons: typeof import("./route");
let comparison: typeof import("./[id]/route");
let shares: typeof import("../shares/route");
let retry: typeof import("./[id]/retry/route");

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 50 });
  comparisons = await import("./route");
  comparison = await import("./[id]/route");
  shares = await import("../shares/route");
  retry = await import("./[id]/retry/route");
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => harness.server.simulator.reset());

const BODY = {
  models: ["wan2.6-t2i", "qwen-image", "qwen-image-2.0-pro"],
  prompt: "A lighthouse at dawn",
  negativePrompt: "fog",
  aspect: "3:4",
  perModel: 1,
  seed: null,
  promptExtend: true,
  watermark: false,
  blind: false,
};

const post = (url: string, body: unknown) =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const params = (id: string) => ({ params: Promise.resolve({ id }) });

const start = async (body: unknown = BODY) => {
  const response = await comparisons.POST(post("http://localhost/api/comparisons", body));
  return { status: response.status, json: (await response.json()) as ComparisonView };
};

const settled = async (id: string): Promise<ComparisonView> => {
  await harness.history.runner.idle();
  const response = await comparison.GET(new Request(`http://localhost/api/comparisons/${id}`), params(id));
  expect(response.status).toBe(200);
  return (await response.json()) as ComparisonView;
};

describe("POST /api/comparisons", () => {
  it("starts one generation per model, all with one seed, each at a size its model allows", async () => {
    const { status, json } = await start();
    expect(status).toBe(202);
    const done = await settled(json.id);
    expect(harness.server.simulator.stats().calls).toBe(3);
    expect(done.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(new Set(done.columns.map((column) => column.generation.seed))).toEqual(new Set([done.seed]));
    for (const { generation } of done.columns) {
      const model = findModel(generation.request.model);
      if (!model) throw new Error("unknown model");
      expect(checkSize(model.id, model.sizeRule, model.presets, generation.request)).toEqual({ ok: true });
      expect(generation.images[0]).toMatchObject({ width: generation.request.width, height: generation.request.height });
    }
  });

  it.each([
    ["one model", { ...BODY, models: ["qwen-image"] }, "models"],
    ["an unknown model", { ...BODY, models: ["qwen-image", "gpt-image-1"] }, "models.1"],
    ["a prompt too long for qwen-image", { ...BODY, prompt: "x".repeat(801) }, "prompt"],
    ["an unlisted aspect ratio", { ...BODY, aspect: "7:3" }, "aspect"],
    ["no images per model", { ...BODY, perModel: 0 }, "perModel"],
    ["an unknown field", { ...BODY, extra: true }, "body"],
  ])("refuses %s before the gateway is called", async (_, body, field) => {
    const response = await comparisons.POST(post("http://localhost/api/comparisons", body));
    const text = await response.text();
    const got = { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
    expect(expectErrorBody(got)).toBe("invalid_request");
    expect((got.json as { error: { fields: Array<{ field: string }> } }).error.fields[0]?.field).toBe(field);
    expect(harness.server.simulator.stats().calls).toBe(0);
  });
});

describe("a comparison's own routes", () => {
  it("reveals once, stars, and deletes with its columns; a column cannot be deleted alone", async () => {
    const { json } = await start({ ...BODY, blind: true });
    await settled(json.id);
    const patch = (body: unknown) =>
      comparison.PATCH(new Request(`http://localhost/api/comparisons/${json.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), params(json.id));
    expect(((await (await patch({ revealed: true })).json()) as ComparisonView).revealed).toBe(true);
    expect((await patch({ revealed: false })).status).toBe(400);
    const starred = await patch({ starred: true });
    expect(((await starred.json()) as ComparisonView).starred).toBe(true);
    // The answer names the star's change, the comparison's last: the stream's older news of it left before it.
    expect(starred.headers.get("playground-change-id")).toBe(String(await harness.history.store.lastChangeOf({ kind: "comparison", id: json.id })));
    expect(await harness.history.store.lastChangeOf({ kind: "comparison", id: json.id })).toBe((await harness.history.store.changeBounds()).last);

    const column = json.columns[0]?.generation.id ?? "";
    const alone = await harness.generation.DELETE(new Request(`http://localhost/api/generations/${column}`, { method: "DELETE" }), params(column));
    expect(alone.status).toBe(400);
    expect(await alone.text()).toContain("delete the comparison instead");

    const deleted = await comparison.DELETE(new Request(`http://localhost/api/comparisons/${json.id}`, { method: "DELETE" }), params(json.id));
    expect(deleted.status).toBe(204);
    expect(await harness.history.store.get(column)).toBeNull();
    expect((await comparison.GET(new Request(`http://localhost/api/comparisons/${json.id}`), params(json.id))).status).toBe(404);
  });

  it("retries a failed column in its place, and refuses a column that succeeded or belongs elsewhere", async () => {
    harness.server.simulator.injectFault({ kind: "server_error", model: "qwen-image" });
    const { json } = await start();
    const failed = (await settled(json.id)).columns[1]?.generation;
    expect(failed?.status).toBe("failed");
    const ask = (column: string) => retry.POST(post(`http://localhost/api/comparisons/${json.id}/retry`, { column }), params(json.id));
    // A column that succeeded starts nothing, so asking costs no turn of the client's minute.
    const turns = vi.spyOn(await getGenerationRateLimit(), "turn");
    const ran = await ask(json.columns[0]?.generation.id ?? "");
    expect(ran.status).toBe(400);
    expect(await ran.text()).toContain("Only a column that failed or was cancelled can be retried.");
    expect((await ask("someone-else")).status).toBe(404);
    expect(turns).not.toHaveBeenCalled();
    turns.mockRestore();
    const answered = await ask(failed?.id ?? "");
    expect(answered.status).toBe(202);
    const done = await settled(json.id);
    expect(done.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(done.columns[1]?.generation.id).not.toBe(failed?.id);
    const again = await ask(failed?.id ?? "");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("That column was retried already (in another tab, or by someone else)");
  });

  it("retries a column asked for six times at once once, and tells the five others it was retried", async () => {
    harness.server.simulator.injectFault({ kind: "server_error", model: "qwen-image" });
    const { json } = await start();
    const failed = (await settled(json.id)).columns[1]?.generation.id ?? "";
    const calls = harness.server.simulator.stats().calls;
    const answers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const answer = await retry.POST(post(`http://localhost/api/comparisons/${json.id}/retry`, { column: failed }), params(json.id));
        return { status: answer.status, text: await answer.text() };
      }),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((each) => each.status === 409)) expect(answer.text).toContain("That column was retried already");
    await settled(json.id);
    expect(harness.server.simulator.stats().calls).toBe(calls + 1);
  });

  it("deleting a comparison that is still running cancels its columns", async () => {
    harness.server.simulator.injectFault({ kind: "hang", times: 3 });
    const { json } = await start();
    await waitFor(() => harness.server.simulator.stats().calls === 3, "three calls");
    const deleted = await comparison.DELETE(new Request(`http://localhost/api/comparisons/${json.id}`, { method: "DELETE" }), params(json.id));
    expect(deleted.status).toBe(204);
    await harness.history.runner.idle();
    await waitFor(() => harness.server.simulator.stats().aborted === 3, "three aborted calls");
  });
});

describe("POST /api/shares", () => {
  it("makes an unguessable link to items that exist, and none when one is gone", async () => {
    const { json } = await start();
    await settled(json.id);
    const entries = [{ kind: "comparison", id: json.id }];
    const made = await shares.POST(post("http://localhost/api/shares", { title: "Demo", entries }));
    expect(made.status).toBe(201);
    const { id, path } = (await made.json()) as ShareCreated;
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(path).toBe(`/share/${id}`);
    expect((await harness.history.store.getShare(id))?.items.map((item) => item.id)).toEqual([json.id]);

    const missing = await shares.POST(post("http://localhost/api/shares", { title: "", entries: [...entries, { kind: "generation", id: "gone" }] }));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("1 of the 2 chosen items no longer exist");
    expect((await shares.POST(post("http://localhost/api/shares", { title: "", entries: [] }))).status).toBe(400);
  });
});
