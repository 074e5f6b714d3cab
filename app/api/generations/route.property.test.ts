import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generation/view";
import { findModel, MODELS, SEED_MAX, type ModelSpec } from "@/lib/models/registry";
import { requestSize } from "@/lib/generation/request-size";
import { generateRequestSchema } from "@/lib/models/request-schema";
import { checkSize, type Size } from "@/lib/models/size-rules";
import {
  captureConsole,
  expectErrorBody,
  GENERATIONS_URL,
  post,
  postJson,
  startRouteHarness,
  waitFor,
  type Answer,
  type CapturedLog,
  type RouteHarness,
} from "@/test/route-harness";

/**
 * POST /api/generations under fast-check: whatever a client sends, the route answers 202 with a record of a
 * request the model really takes, or a well-formed 4xx; never a 5xx, never a throw, and nothing it refuses
 * ever reaches the gateway.
 *
 * Accepted generations must not cost seconds each (a 2048*2048 * 6 render would), so the simulator holds every
 * call for a long latency: it has already counted and validated the call by then. Each property waits until
 * the simulator has seen exactly the accepted calls, then cancels them.
 */

const RUNS = 200;
let harness: RouteHarness;
let logs: CapturedLog[];
const sim = () => harness.server.simulator;

beforeAll(async () => {
  logs = captureConsole();
  harness = await startRouteHarness({ latencyMs: 600_000 });
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  sim().reset();
});

const KNOWN_KEYS = ["model", "prompt", "negativePrompt", "width", "height", "n", "seed", "promptExtend", "watermark"] as const;

// ---------------------------------------------------------------------------------------------------------
// An oracle written from the registry, independent of the zod schema: what the form's contract promises.
// ---------------------------------------------------------------------------------------------------------

const isWholeIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

/** Text every store keeps as it is: a lone surrogate does not survive UTF-8, and a NUL neither database keeps. */
const encodable = (text: string): boolean => Buffer.from(text, "utf8").toString("utf8") === text && !text.includes("\u0000");

/** Whether the route must take this (already JSON round-tripped) body. */
const shouldAccept = (body: unknown): boolean => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== KNOWN_KEYS.length || !KNOWN_KEYS.every((key) => Object.hasOwn(body, key))) return false;
  const value = body as Record<(typeof KNOWN_KEYS)[number], unknown>;
  const model = typeof value.model === "string" ? findModel(value.model) : undefined;
  if (!model) return false;
  if (typeof value.prompt !== "string" || value.prompt.trim() === "" || [...value.prompt].length > model.promptMaxLength || !encodable(value.prompt)) return false;
  if (typeof value.negativePrompt !== "string" || [...value.negativePrompt].length > model.negativePromptMaxLength || !encodable(value.negativePrompt)) return false;
  if (typeof value.width !== "number" || typeof value.height !== "number") return false;
  if (!checkSize(model.id, model.sizeRule, model.presets, { width: value.width, height: value.height }).ok) return false;
  if (!isWholeIn(value.n, model.n.min, model.n.max)) return false;
  if (value.seed !== null && !isWholeIn(value.seed, 0, SEED_MAX)) return false;
  if (typeof value.promptExtend !== "boolean" || typeof value.watermark !== "boolean") return false;
  if (!model.options.negativePrompt && value.negativePrompt !== "") return false;
  if (!model.options.seed && value.seed !== null) return false;
  if (!model.options.promptExtend && value.promptExtend) return false;
  if (!model.options.watermark && value.watermark) return false;
  return true;
};

// ---------------------------------------------------------------------------------------------------------
// Generators: a valid request per model, then field values that range from valid to every kind of wrong.
// ---------------------------------------------------------------------------------------------------------

const fromCodes = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));
/** Single UTF-16 units, so a string's length is its number of units. */
const plainChar = fc.oneof(
  { weight: 6, arbitrary: fromCodes(0x20, 0x7e) },
  { weight: 4, arbitrary: fromCodes(0x4e00, 0x9fff) }, // CJK ideographs
  { weight: 1, arbitrary: fc.constantFrom("，", "。", "「", "」", "ー", "가", "é", "ß") },
);
const oddChar = fc.constantFrom(" ", "\t", "\n", "\u3000", "\u00a0", "\ufeff", "\u0000", "\u202e", "😀", "👩‍👩‍👧", "\ud83d", "\udca9", '"', "\\");
const anyChar = fc.oneof({ weight: 9, arbitrary: plainChar }, { weight: 1, arbitrary: oddChar });

/** Text whose length lands anywhere from 0 to 3000 units, often right at a model's limit. */
const textAround = (limit: number) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 80 }) },
        { weight: 3, arbitrary: fc.integer({ min: limit - 2, max: limit + 2 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 3000 }) },
        { weight: 1, arbitrary: fc.constant(0) },
      ),
      fc.string({ unit: anyChar, minLength: 1, maxLength: 24 }),
    )
    .map(([length, pattern]) => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length));

const whitespaceOnly = fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\u3000", "\u00a0"), minLength: 1, maxLength: 20 });

const validSize = (model: ModelSpec): fc.Arbitrary<Size> => {
  const preset = fc.constantFrom(...model.presets).map(({ width, height }) => ({ width, height }));
  const rule = model.sizeRule;
  switch (rule.kind) {
    case "presets":
      return preset;
    case "side-range":
      return fc.oneof(preset, fc.record({ width: fc.integer({ min: rule.min, max: rule.max }), height: fc.integer({ min: rule.min, max: rule.max }) }));
    case "pixel-budget": {
      const free = fc
        .integer({ min: Math.ceil(Math.sqrt(rule.minPixels * rule.minAspect)), max: Math.floor(Math.sqrt(rule.maxPixels * rule.maxAspect)) })
        .chain((width) => {
          const low = Math.max(Math.ceil(rule.minPixels / width), Math.ceil(width / rule.maxAspect));
          const high = Math.min(Math.floor(rule.maxPixels / width), Math.floor(width / rule.minAspect));
          return low <= high ? fc.integer({ min: low, max: high }).map((height) => ({ width, height })) : preset;
        });
      return fc.oneof(preset, free);
    }
  }
};

/** A wrong JSON type for a field, whatever its right type is. */
const wrongType = (right: "string" | "number" | "boolean" | "nullable-number") =>
  fc.oneof(
    ...(right === "string" ? [] : [fc.string({ maxLength: 8 }), fc.constantFrom("1024", "true", "")]),
    ...(right === "number" || right === "nullable-number" ? [] : [fc.integer(), fc.constant(0)]),
    ...(right === "boolean" ? [] : [fc.boolean()]),
    ...(right === "nullable-number" ? [] : [fc.constant(null)]),
    fc.constant([]),
    fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
    fc.constant({}),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
  );

/**
 * Mostly the valid value, sometimes an edge case, rarely the wrong type: with nine fields, about half of the
 * bodies keep every field valid, so both answers are well exercised.
 */
const field = <T>(valid: fc.Arbitrary<T>, edges: fc.Arbitrary<unknown>, right: Parameters<typeof wrongType>[0]) =>
  fc.oneof({ weight: 40, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 2, arbitrary: edges }, { weight: 1, arbitrary: wrongType(right) });

const sideEdges = fc.oneof(
  fc.integer({ min: -100, max: 5000 }),
  fc.constantFrom(0, -0, 1, 511, 512, 1440, 1441, 2048, 2049, 2880, 1e9, 1e21, Number.MAX_SAFE_INTEGER + 2),
  fc.double({ min: 1, max: 3000, noNaN: true }),
);

const UNKNOWN_MODELS = fc.oneof(
  fc.constantFrom("", "wan", "WAN2.6-T2I", " wan2.6-t2i", "wan2.6-t2i ", "dall-e-3", "constructor", "__proto__", "toString", "hasOwnProperty"),
  fc.string({ maxLength: 20 }),
);

const requestFor = (model: ModelSpec) =>
  validSize(model).chain((size) =>
    fc.record({
      model: fc.oneof({ weight: 14, arbitrary: fc.constant(model.id as unknown) }, { weight: 1, arbitrary: UNKNOWN_MODELS }, { weight: 1, arbitrary: wrongType("string") }),
      prompt: field(textAround(model.promptMaxLength), fc.oneof(whitespaceOnly, fc.constant("")), "string"),
      negativePrompt: field(
        fc.oneof(fc.constant(""), fc.string({ unit: plainChar, maxLength: 40 })),
        textAround(model.negativePromptMaxLength),
        "string",
      ),
      width: field(fc.constant(size.width), sideEdges, "number"),
      height: field(fc.constant(size.height), sideEdges, "number"),
      n: field(fc.integer({ min: model.n.min, max: model.n.max }), fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(1.5, -1, 1e3, 2 ** 53)), "number"),
      seed: field(
        fc.oneof(fc.constant(null), fc.integer({ min: 0, max: SEED_MAX }), fc.constantFrom(0, SEED_MAX)),
        fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.constantFrom(SEED_MAX + 1, 2 ** 32, 1e20, -0, 0.5, 42.0001, -SEED_MAX)),
        "nullable-number",
      ),
      promptExtend: field(fc.boolean(), fc.constantFrom(0, 1, "false"), "boolean"),
      watermark: field(fc.boolean(), fc.constantFrom(0, 1, "true"), "boolean"),
    }),
  );

const EXTRA_KEYS = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "toString", "Model", "prompt ", "negative_prompt", "size", "prompt_extend", "style", "apiKey"),
  fc.string({ minLength: 1, maxLength: 10 }),
);

/** Own properties, "__proto__" included (Object.assign would set the prototype instead). */
const withOwn = (base: Record<string, unknown>, extra: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of [...Object.entries(base), ...extra]) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
};

/** Bodies built around a valid request, from untouched to thoroughly wrong; the JSON text is what is sent. */
const mixedBody = fc
  .tuple(
    fc.constantFrom(...MODELS).chain(requestFor),
    fc.oneof({ weight: 10, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray<string>([...KNOWN_KEYS], { minLength: 1, maxLength: 2 }) }),
    fc.oneof(
      { weight: 10, arbitrary: fc.constant<Array<[string, unknown]>>([]) },
      { weight: 1, arbitrary: fc.array(fc.tuple(EXTRA_KEYS, fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 2 }) },
    ),
  )
  .map(([request, missing, extra]) => {
    const base = Object.fromEntries(Object.entries(request).filter(([key]) => !missing.includes(key)));
    const unknown = extra.filter(([key]) => !(KNOWN_KEYS as readonly string[]).includes(key));
    return JSON.stringify(withOwn(base, unknown));
  });

// ---------------------------------------------------------------------------------------------------------
// What every answer must look like.
// ---------------------------------------------------------------------------------------------------------

/** Checks the answer's shape and returns the accepted record, if any. */
const checkAnswer = (got: Answer): GenerationView | null => {
  expect(got.status, got.text).toBeLessThan(500);
  if (got.status !== 202) {
    expect(got.status, got.text).toBeGreaterThanOrEqual(400);
    expectErrorBody(got);
    return null;
  }
  const record = got.json as GenerationView;
  expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(record).toMatchObject({ status: "running", finishedAt: null, error: null, images: [], starred: false });
  const parsed = generateRequestSchema.safeParse(record.request);
  expect(parsed.success, `accepted an invalid request: ${JSON.stringify(record.request)}`).toBe(true);
  const model = findModel(record.request.model);
  expect(model, record.request.model).toBeDefined();
  if (model) expect(checkSize(model.id, model.sizeRule, model.presets, requestSize(record.request))).toEqual({ ok: true });
  expect(got.headers.get("cache-control")).toBe("no-store");
  return record;
};

/** A 400 for a body the schema refused: every field named is one the form has (or the body as a whole). */
const expectRefusedFields = (got: Answer) => {
  expect(got.status, got.text).toBe(400);
  const error = (got.json as { error: { code: string; fields?: Array<{ field: string }> } }).error;
  expect(error.code).toBe("invalid_request");
  for (const { field } of error.fields ?? []) expect(["body", ...KNOWN_KEYS], got.text).toContain(field);
};

/** After a run: the simulator saw exactly the accepted calls, and found every one of them valid itself. */
const settle = async (accepted: readonly GenerationView[]) => {
  await waitFor(() => sim().stats().calls >= accepted.length, `${accepted.length} calls to reach the simulator`);
  for (const record of accepted) await harness.history.runner.cancel(record.id);
  await harness.history.runner.idle();
  const stats = sim().stats();
  expect(stats.calls).toBe(accepted.length);
  // The simulator validates with its own reading of the upstream limits before it starts waiting.
  expect(stats.rejected).toBe(0);
  const byModel: Record<string, number> = {};
  for (const record of accepted) byModel[record.request.model] = (byModel[record.request.model] ?? 0) + 1;
  expect(stats.byModel).toEqual(byModel);
};

describe("POST /api/generations, any body", () => {
  it("a body built around a valid request is taken exactly when the registry allows it", async () => {
    const accepted: GenerationView[] = [];
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mixedBody, async (body) => {
        const got = await postJson(harness, body);
        const record = checkAnswer(got);
        const sent = JSON.parse(body) as unknown;
        expect(got.status === 202, `${got.status} for ${body}: ${got.text.slice(0, 300)}`).toBe(shouldAccept(sent));
        if (record) {
          // Stored as given: nothing dropped, defaulted or coerced on the way in.
          expect(record.request).toEqual(sent);
          accepted.push(record);
        } else {
          expectRefusedFields(got);
          refused += 1;
        }
      }),
      { numRuns: RUNS },
    );
    // The generator is only useful if it exercises both sides.
    expect(accepted.length).toBeGreaterThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
    await settle(accepted);
  });

  it("only invalid bodies: all refused with 400, and the gateway is never called", async () => {
    const invalid = mixedBody.filter((body) => !shouldAccept(JSON.parse(body)));
    await fc.assert(
      fc.asyncProperty(invalid, async (body) => {
        const got = await postJson(harness, body);
        expect(checkAnswer(got)).toBeNull();
        expectRefusedFields(got);
      }),
      { numRuns: RUNS },
    );
    await harness.history.runner.idle();
    expect(sim().stats().calls).toBe(0);
  });

  /** Every body the arbitrary makes is refused with a well-formed 400, and none starts a generation. */
  const expectAllRefused = async (bodies: fc.Arbitrary<string>) => {
    const accepted: GenerationView[] = [];
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const got = await postJson(harness, body);
        const record = checkAnswer(got);
        if (record) accepted.push(record);
        else expect(got.status, got.text).toBe(400);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toEqual([]);
    await settle(accepted);
  };

  it("any JSON value (fc.anything) is refused with a well-formed 400", async () => {
    // JSON.stringify(undefined) is undefined: then there is no body at all.
    await expectAllRefused(fc.anything().map((value) => (JSON.stringify(value) as string | undefined) ?? ""));
  });

  it("any string as the body, JSON or not, is refused with a well-formed 400", async () => {
    const validBody = JSON.stringify({
      model: "wan2.2-t2i-flash",
      prompt: "a red fox in snow",
      negativePrompt: "",
      width: 1024,
      height: 1024,
      n: 1,
      seed: null,
      promptExtend: true,
      watermark: false,
    });
    const strings = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.json(),
      fc.string({ unit: anyChar, maxLength: 300 }),
      // Every proper prefix of a valid body is broken JSON.
      fc.integer({ min: 0, max: validBody.length - 1 }).map((cut) => validBody.slice(0, cut)),
      fc.constantFrom("", " ", "null", "[]", "{}", "0", '"x"', "true", "\ufeff{}", validBody.replace("{", "[")),
    );
    await expectAllRefused(strings);
  });

  it("deeply nested JSON is refused without a crash", async () => {
    for (const body of ["[".repeat(30_000) + "]".repeat(30_000), `{"model":${"[".repeat(20_000)}${"]".repeat(20_000)}}`]) {
      const got = await postJson(harness, body);
      expect(got.status, got.text.slice(0, 200)).toBe(400);
      expectErrorBody(got);
    }
    expect(sim().stats().calls).toBe(0);
  });
});

describe("POST /api/generations, transport", () => {
  const VALID = JSON.stringify({
    model: "qwen-image-plus",
    prompt: "一只在雪地里的红狐狸",
    negativePrompt: "",
    width: 1328,
    height: 1328,
    n: 1,
    seed: 7,
    promptExtend: false,
    watermark: false,
  });

  it("text/plain is refused with 415, whatever the body", async () => {
    const got = await post(harness, new Request(GENERATIONS_URL, { method: "POST", headers: { "content-type": "text/plain" }, body: VALID }));
    expect(got.status).toBe(415);
    expect(expectErrorBody(got)).toBe("unsupported_media_type");
    // No content type at all: a string body is sent as text/plain;charset=UTF-8.
    const bare = await post(harness, new Request(GENERATIONS_URL, { method: "POST", body: VALID }));
    expect(bare.status).toBe(415);
    expect(sim().stats().calls).toBe(0);
  });

  it("only application/json (any case, any parameters) is read", async () => {
    const contentTypes = fc.oneof(
      fc.constantFrom(
        "application/json",
        "APPLICATION/JSON",
        "Application/Json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json ; charset=utf-8",
        " application/json",
        "application/jsonp",
        "application/json-patch+json",
        "application/ld+json",
        "application/json garbage",
        "text/json",
        "text/plain; application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
      ),
      fc.string({ unit: "grapheme-ascii", maxLength: 30 }),
    );
    /** A media type whose essence is application/json, per the MIME sniffing standard's parsing. */
    const isJson = (type: string) => (type.trim().split(";")[0] ?? "").trim().toLowerCase() === "application/json";
    const accepted: GenerationView[] = [];
    await fc.assert(
      fc.asyncProperty(contentTypes, async (type) => {
        const got = await post(harness, new Request(GENERATIONS_URL, { method: "POST", headers: { "content-type": type }, body: VALID }));
        const record = checkAnswer(got);
        const sent = new Headers({ "content-type": type }).get("content-type") ?? "";
        expect(got.status, `content-type ${JSON.stringify(type)}`).toBe(isJson(sent) ? 202 : 415);
        if (record) accepted.push(record);
      }),
      { numRuns: 60 },
    );
    await settle(accepted);
  });

  it("a body over 64 KB is refused with 413; 64 KB exactly is still read", async () => {
    const padded = (bytes: number) => {
      const frame = JSON.stringify({ model: "wan2.6-t2i", pad: "" });
      return JSON.stringify({ model: "wan2.6-t2i", pad: "x".repeat(bytes - Buffer.byteLength(frame)) });
    };
    expect(Buffer.byteLength(padded(65_536))).toBe(65_536);
    const atCap = await postJson(harness, padded(65_536));
    expect(atCap.status, atCap.text.slice(0, 200)).toBe(400);
    expect(expectErrorBody(atCap)).toBe("invalid_request");

    const over = await postJson(harness, padded(65_537));
    expect(over.status).toBe(413);
    expect(expectErrorBody(over)).toBe("payload_too_large");

    // Bytes, not characters: 22 000 ideographs are 66 000 bytes of UTF-8.
    const cjk = await postJson(harness, JSON.stringify({ ...(JSON.parse(VALID) as object), prompt: "狐".repeat(22_000) }));
    expect(cjk.status).toBe(413);

    // A declared length over the cap is refused before anything is read.
    const declared = new Request(GENERATIONS_URL, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) },
      body: VALID,
    });
    expect(declared.headers.get("content-length")).toBe(String(10 * 1024 * 1024));
    expect((await post(harness, declared)).status).toBe(413);
    expect(sim().stats().calls).toBe(0);
  });

  it("an endless streamed body is cut off just past the cap", async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode(`{"pad":"${"a".repeat(16 * 1024 - 8)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel: () => {
        cancelled = true;
      },
    });
    // Node's fetch needs duplex for a streamed body; the DOM typings in this project predate the field.
    const init: RequestInit & { duplex: "half" } = { method: "POST", headers: { "content-type": "application/json" }, body: endless, duplex: "half" };
    const got = await post(harness, new Request(GENERATIONS_URL, init));
    expect(got.status).toBe(413);
    expect(expectErrorBody(got)).toBe("payload_too_large");
    expect(cancelled).toBe(true);
    // At most the cap plus what the stream had queued ahead of the reader.
    expect(pulled).toBeLessThan(64 * 1024 + 4 * chunk.byteLength);
    expect(sim().stats().calls).toBe(0);
  });

  it("a cross-site POST is refused with 403 before the body counts", async () => {
    const crossSite: ReadonlyArray<Record<string, string>> = [{ "sec-fetch-site": "cross-site" }, { origin: "https://evil.example", host: "localhost" }];
    for (const headers of crossSite) {
      const got = await postJson(harness, VALID, headers);
      expect(got.status).toBe(403);
      expect(expectErrorBody(got)).toBe("forbidden");
    }
    expect(sim().stats().calls).toBe(0);
  });
});

describe("POST /api/generations, quietly", () => {
  it("logged nothing: no input above was a server error", async () => {
    // internal_error is the only refusal the route logs (with its stack); cancelled jobs log nothing.
    expect(logs.filter((entry) => entry.level === "error").map((entry) => entry.line.slice(0, 500))).toEqual([]);
  });
});
