import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MODELS, SEED_MAX } from "../models/registry";
import { startSimulatorServer, type SimulatorServer } from "./node-server";
import { generate, imagesOf, nativeBody, TEST_KEY } from "./test-support";

let server: SimulatorServer;
let keyed: SimulatorServer;

beforeAll(async () => {
  [server, keyed] = await Promise.all([
    startSimulatorServer({ latencyMs: 0 }),
    startSimulatorServer({ latencyMs: 0, apiKey: TEST_KEY }),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), keyed.close()]);
});
beforeEach(() => {
  server.simulator.reset();
  server.simulator.configure({ latencyMs: 0, responseFormat: "url" });
});

const errorOf = async (response: Response) => (await response.json()) as { code: string; message: string; request_id: string };

describe("body styles", () => {
  it("accepts the documented native shape", async () => {
    const response = await generate(server, nativeBody("wan2.6-t2i", "a kitten on grass", { size: "1280*1280", n: 2, seed: 42 }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { created: number; data: { url: string; b64_json: string }[] };
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(60);
    expect(body.data).toHaveLength(2);
    for (const item of body.data) {
      expect(item.url.startsWith(`${server.url}/v1/files/`)).toBe(true);
      expect(item.url).toMatch(/\.png\?Expires=\d+$/);
      expect(item.b64_json).toBe("");
    }
    expect(server.simulator.stats().lastRequest?.style).toBe("native");
  });

  it("reads a message without a role as the user's, as the gateway page marks the role optional", async () => {
    const response = await generate(server, { model: "wan2.2-t2i-flash", input: { messages: [{ content: [{ text: "a lighthouse" }] }] } });
    expect(response.status).toBe(200);
    expect(server.simulator.stats().lastRequest).toMatchObject({ style: "native", prompt: "a lighthouse" });
  });

  it("accepts the flat, OpenAI-like shape from the gateway page", async () => {
    const response = await generate(server, { model: "wan2.2-t2i-flash", prompt: "a lighthouse", size: "960*1390", n: 1 });
    expect(response.status).toBe(200);
    expect(await imagesOf(response)).toHaveLength(1);
    expect(server.simulator.stats().lastRequest?.style).toBe("flat");
  });

  it("refuses bodies that are not JSON or carry no prompt", async () => {
    for (const body of ["{not json", "[1,2]", { model: "wan2.6-t2i" }, nativeBody("wan2.6-t2i", "   "), { model: "wan2.6-t2i", input: { messages: [] } }]) {
      const response = await generate(server, body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("InvalidParameter");
    }
  });

  it("refuses parameters of the wrong type, naming the field", async () => {
    const response = await generate(server, nativeBody("wan2.6-t2i", "cat", { n: "2" }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain("parameters.n");
  });
});

describe("bearer check", () => {
  it("refuses a missing or empty bearer with InvalidApiKey", async () => {
    for (const key of [null, ""]) {
      const response = await generate(server, nativeBody("wan2.6-t2i", "cat"), { key });
      expect(response.status).toBe(401);
      const error = await errorOf(response);
      expect(error.code).toBe("InvalidApiKey");
      expect(error.request_id).toBe(response.headers.get("x-request-id"));
    }
  });

  it("accepts only the configured key when one is set", async () => {
    expect((await generate(keyed, nativeBody("wan2.6-t2i", "cat"), { key: "sk-wrong" })).status).toBe(401);
    expect((await generate(keyed, nativeBody("wan2.6-t2i", "cat"), { key: TEST_KEY })).status).toBe(200);
  });

  it("never keeps the key in the stats", async () => {
    await generate(keyed, nativeBody("wan2.6-t2i", "cat"), { key: TEST_KEY });
    const stats = keyed.simulator.stats();
    expect(stats.lastRequest?.authorization).toBe("present");
    expect(JSON.stringify(stats)).not.toContain(TEST_KEY);
  });
});

describe("per-model limits from the registry", () => {
  const cases: ReadonlyArray<readonly [model: string, size: string, status: number]> = [
    ["wan2.6-t2i", "1024*1024", 400],
    ["wan2.6-t2i", "1280*1280", 200],
    ["wan2.6-t2i", "1440*1440", 200],
    ["wan2.6-t2i", "1441*1440", 400],
    ["wan2.6-t2i", "720*2880", 200],
    ["wan2.6-t2i", "700*2900", 400],
    ["wan2.5-t2i-preview", "768*2700", 200],
    ["wan2.5-t2i-preview", "960*1390", 400],
    ["wan2.2-t2i-flash", "512*1440", 200],
    ["wan2.2-t2i-flash", "511*1024", 400],
    ["wanx2.1-t2i-turbo", "1440*1441", 400],
    ["qwen-image", "1328*1328", 200],
    ["qwen-image", "1024*1024", 400],
    ["qwen-image-max", "928*1664", 200],
    ["qwen-image-2.0-pro", "2048*2048", 200],
    ["qwen-image-2.0-pro", "2049*2048", 400],
    ["qwen-image-2.0-pro", "512*511", 400],
  ];
  it.each(cases)("%s at %s answers %i", async (model, size, status) => {
    const response = await generate(server, nativeBody(model, "cat", { size, n: 1 }));
    expect(response.status).toBe(status);
    if (status === 400) {
      const error = await errorOf(response);
      expect(error.code).toBe("InvalidParameter");
      expect(error.message).toContain(size);
    }
  });

  it("takes only W*H with an asterisk", async () => {
    const response = await generate(server, nativeBody("wan2.6-t2i", "cat", { size: "1280x1280" }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain("1280x1280");
  });

  it("uses each model's default size and n when they are left out", async () => {
    for (const model of MODELS) {
      const response = await generate(server, { model: model.id, prompt: "cat" });
      expect(response.status, model.id).toBe(200);
      expect(await imagesOf(response), model.id).toHaveLength(model.n.upstreamDefault);
    }
  });

  it.each([
    ["qwen-image", 2, 400],
    ["qwen-image", 1, 200],
    ["wan2.6-t2i", 4, 200],
    ["wan2.6-t2i", 5, 400],
    ["wan2.6-t2i", 0, 400],
    ["wan2.6-t2i", 1.5, 400],
    ["qwen-image-2.0-pro", 6, 200],
    ["qwen-image-2.0-pro", 7, 400],
  ] as const)("%s with n=%s answers %i", async (model, n, status) => {
    const response = await generate(server, nativeBody(model, "cat", { n }));
    expect(response.status).toBe(status);
    if (status === 200) expect(await imagesOf(response)).toHaveLength(n);
    else expect((await errorOf(response)).code).toBe("InvalidParameter");
  });

  it("holds the seed to 0..SEED_MAX and whole numbers", async () => {
    for (const seed of [-1, SEED_MAX + 1, 2.5]) {
      expect((await generate(server, nativeBody("wan2.6-t2i", "cat", { n: 1, seed }))).status).toBe(400);
    }
    for (const seed of [0, SEED_MAX]) {
      expect((await generate(server, nativeBody("wan2.6-t2i", "cat", { n: 1, seed }))).status).toBe(200);
    }
  });

  it("refuses a prompt longer than the model reads", async () => {
    expect((await generate(server, nativeBody("wan2.2-t2i-flash", "a".repeat(800), { n: 1 }))).status).toBe(200);
    const response = await generate(server, nativeBody("wan2.2-t2i-flash", "a".repeat(801), { n: 1 }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("InvalidParameter");
    expect((await generate(server, nativeBody("wan2.6-t2i", "a".repeat(2100), { n: 1 }))).status).toBe(200);
  });

  it("accepts a negative prompt over 500 characters, as the upstream truncates it", async () => {
    const response = await generate(server, nativeBody("wan2.6-t2i", "cat", { n: 1, negative_prompt: "b".repeat(600) }));
    expect(response.status).toBe(200);
  });

  it("answers 404 ModelNotFound for an unknown model, before any other check, as upstream", async () => {
    const response = await generate(server, nativeBody("dall-e-3", "cat"));
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("ModelNotFound");
    // An empty prompt and out-of-range settings do not hide that the model is unknown (the connection check relies on it).
    const probe = await generate(server, nativeBody("dall-e-3", "", { n: 0, size: "1*1", seed: -1 }));
    expect([probe.status, (await errorOf(probe)).code]).toEqual([404, "ModelNotFound"]);
    const known = await generate(server, nativeBody("wan2.6-t2i", "", { n: 0, size: "1*1", seed: -1 }));
    expect([known.status, (await errorOf(known)).code]).toEqual([400, "InvalidParameter"]);
  });
});

describe("revised_prompt", () => {
  it("rewrites the prompt when prompt_extend is on (the default), the same way each time", async () => {
    const first = await imagesOf(await generate(server, nativeBody("wan2.6-t2i", "a red fox", { n: 2, seed: 3 })));
    const again = await imagesOf(await generate(server, nativeBody("wan2.6-t2i", "a red fox", { n: 1, seed: 3, prompt_extend: true })));
    expect(first[0]?.revised_prompt).toMatch(/^a red fox, .+\.$/);
    expect(first[1]?.revised_prompt).toBe(first[0]?.revised_prompt);
    expect(again[0]?.revised_prompt).toBe(first[0]?.revised_prompt);
  });

  it("answers in Chinese for a CJK prompt", async () => {
    const [image] = await imagesOf(await generate(server, nativeBody("qwen-image", "一只小猫在草地上", { seed: 1 })));
    expect(image?.revised_prompt).toMatch(/^一只小猫在草地上，.+。$/u);
  });

  it("is empty when prompt_extend is off", async () => {
    const [image] = await imagesOf(await generate(server, nativeBody("wan2.6-t2i", "a red fox", { n: 1, prompt_extend: false })));
    expect(image?.revised_prompt).toBe("");
  });
});

describe("stats and control routes", () => {
  it("counts every call and remembers the last valid request as sent", async () => {
    await generate(server, nativeBody("wan2.6-t2i", "cat", { n: 1, size: "1280*1280", seed: 9, watermark: true, negative_prompt: "blur" }));
    await generate(server, nativeBody("wan2.6-t2i", "cat", { n: 9 }));
    await generate(server, { model: "qwen-image", prompt: "dog" });
    await generate(server, nativeBody("nope", "cat"));
    await generate(server, nativeBody("qwen-image", "cat"), { key: null });
    const stats = (await (await fetch(`${server.url}/__sim/stats`)).json()) as ReturnType<typeof server.simulator.stats>;
    expect(stats).toMatchObject({ calls: 5, succeeded: 2, rejected: 3, aborted: 0, faulted: 0 });
    expect(stats.byModel).toEqual({ "wan2.6-t2i": 2, "qwen-image": 1 });
    expect(stats.lastRequest).toEqual({
      style: "flat",
      model: "qwen-image",
      prompt: "dog",
      size: null,
      n: null,
      seed: null,
      prompt_extend: null,
      watermark: null,
      negative_prompt: null,
      authorization: "present",
    });
  });

  it("resets through the control route", async () => {
    await generate(server, nativeBody("wan2.6-t2i", "cat", { n: 1 }));
    expect((await fetch(`${server.url}/__sim/reset`, { method: "POST" })).status).toBe(200);
    expect(server.simulator.stats()).toMatchObject({ calls: 0, byModel: {}, lastRequest: null });
  });

  it("switches the response format through the config route", async () => {
    const config = await fetch(`${server.url}/__sim/config`, { method: "POST", body: JSON.stringify({ responseFormat: "b64_json" }) });
    expect(config.status).toBe(200);
    const [image] = await imagesOf(await generate(server, nativeBody("wan2.2-t2i-flash", "cat", { n: 1, size: "512*512" })));
    expect(image?.url).toBe("");
    expect(image?.b64_json.length).toBeGreaterThan(100);
  });

  it("refuses malformed control bodies", async () => {
    const bad = [
      ["/__sim/config", { latencyMs: -1 }],
      ["/__sim/config", { colour: "red" }],
      ["/__sim/faults", { kind: "meteor" }],
      ["/__sim/faults", { kind: "hang", times: 0 }],
    ] as const;
    for (const [path, body] of bad) {
      const response = await fetch(`${server.url}${path}`, { method: "POST", body: JSON.stringify(body) });
      expect(response.status, path).toBe(400);
    }
  });

  it("answers /health and 404s anything else as JSON", async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true });
    for (const [method, path] of [["GET", "/v1/images/generations"], ["GET", "/nowhere"], ["POST", "/v1/images/variations"]] as const) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
  });
});

describe("the test controls", () => {
  it("need the simulator's key when it has one", async () => {
    const { startSimulatorServer } = await import("./node-server");
    const keyed = await startSimulatorServer({ apiKey: "sk-controls-test" });
    try {
      expect((await fetch(`${keyed.url}/__sim/stats`)).status).toBe(401);
      expect((await fetch(`${keyed.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ kind: "hang" }) })).status).toBe(401);
      expect((await fetch(`${keyed.url}/__sim/stats`, { headers: { authorization: "Bearer sk-controls-test" } })).status).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});
