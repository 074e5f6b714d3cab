import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { isTaskId, parseGatewayAnswer, requestIdFromBody, requestIdFromHeaders, type GatewayAnswer, type ImageAnswer } from "./answer";
import { answerNotices, billedImages, emptyAnswerError, imagesToKeep, KEPT_PER_ANSWER, lostNotices } from "./shortfall";
import { EMPTY_ANSWER, ONE_IMAGE } from "@/test/call-support";

/**
 * Recorded answers of each shape a gateway may send (trimmed from Model Studio's and the gateway's documented
 * examples, ids and links shortened), and malformed variants of each.
 */

const PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const LINK = "https://dashscope-result.oss-cn-beijing.aliyuncs.com/1d/a1.png?Expires=1&Signature=x";

/** The documented OpenAI-like answer. */
const OPENAI = { created: 1713833628, data: [{ url: "https://example.com/a.png", b64_json: "", revised_prompt: "a fluffy kitten" }] };

/** wan2.6-t2i / qwen-image through the synchronous multimodal endpoint. */
const MULTIMODAL = {
  output: {
    choices: [
      {
        finish_reason: "stop",
        message: {
          role: "assistant",
          content: [
            { image: LINK, type: "image" },
            { image: `${LINK}&n=2`, type: "image" },
            { text: "A flower shop with exquisite windows, in warm evening light", type: "text" },
          ],
        },
      },
    ],
    finished: true,
  },
  usage: { image_count: 2, input_tokens: 0, output_tokens: 0, size: "1280*1280", total_tokens: 0 },
  request_id: "815505c6-7c3d-49d7-b197-1a2b3c",
};

/** wan2.5-t2i and earlier: the text-to-image task's results, with one image refused in its place. */
const TEXT2IMAGE = {
  request_id: "7434edb2-3cba-44e6-a772-4d5e6f",
  output: {
    task_id: "878f591e-ebdf-4e45-97eb-7a8b9c",
    task_status: "SUCCEEDED",
    submit_time: "2025-09-09 11:38:54.741",
    results: [
      { orig_prompt: "Healing-style hand-drawn poster", actual_prompt: "Childhood-inspired hand-drawn poster design", url: LINK },
      { code: "DataInspectionFailed", message: "Output data may contain inappropriate content." },
    ],
    task_metrics: { TOTAL: 2, SUCCEEDED: 1, FAILED: 1 },
  },
  usage: { image_count: 1 },
};

const PENDING = { request_id: "c4a1e5f0-pending", output: { task_id: "0385dc79-5ff8-4d82-bcb6-aa", task_status: "PENDING" } };
const FAILED = {
  request_id: "f0e1-failed",
  output: { task_id: "t-failed", task_status: "FAILED", code: "InvalidParameter", message: "num_images_per_prompt must be 1" },
};

const parse = (body: unknown, headers: Record<string, string> = {}): GatewayAnswer => parseGatewayAnswer(JSON.stringify(body), new Headers(headers));
const images = (answer: GatewayAnswer): ImageAnswer => {
  expect(answer.kind).toBe("images");
  return answer as ImageAnswer;
};

const refusal = (act: () => unknown): AppError => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
};

describe("the documented shape", () => {
  it("takes url images and their revised prompts, with the request id from a header", () => {
    const answer = images(parse(OPENAI, { "x-request-id": "req-abc" }));
    expect(answer).toMatchObject({
      created: 1713833628,
      images: [{ source: { kind: "url", url: "https://example.com/a.png" }, revisedPrompt: "a fluffy kitten" }],
      unusable: 0,
      failed: [],
      imageCount: null,
      requestId: "req-abc",
      taskId: null,
    });
  });

  it("reads b64_json written as a data: URI or in the URL-safe alphabet, and one holding a link as no data", () => {
    // Bytes whose base64 has both letters the URL-safe alphabet replaces ("++//" in the standard one).
    const urlSafe = Buffer.from([0xfb, 0xef, 0xff]).toString("base64url");
    const answer = images(
      parse({
        created: 1,
        data: [
          { url: "", b64_json: `data:image/png;base64,${PNG_B64}` },
          { url: "", b64_json: urlSafe },
          // What some OpenAI-like gateways send when asked for links: the link in both fields.
          { url: "https://x.test/a.png", b64_json: "https://x.test/a.png" },
        ],
      }),
    );
    expect(answer.unusable).toBe(0);
    expect(answer.images.map((image) => image.source)).toEqual([
      { kind: "base64", data: PNG_B64 },
      { kind: "base64", data: "++//" },
      { kind: "url", url: "https://x.test/a.png" },
    ]);
  });

  it("takes b64_json over url when both are there, ignoring line breaks in the base64", () => {
    const answer = images(parse({ created: 1, data: [{ url: "https://x.test/a.png", b64_json: `${PNG_B64.slice(0, 20)}\n${PNG_B64.slice(20)}` }] }));
    expect(answer.images[0]).toEqual({ source: { kind: "base64", data: PNG_B64 }, revisedPrompt: "" });
  });

  it("keeps a revised prompt as text any store and download can hold: no NUL, no half of an emoji", () => {
    const answer = images(parse({ created: 1, data: [{ url: "https://x.test/1.png", revised_prompt: "a\u0000 cat \ud83d" }] }));
    expect(answer.images[0]?.revisedPrompt).toBe("a cat \ufffd");
  });

  it("is fine with empty, null or missing revised prompts, and with token usage it does not read", () => {
    const answer = images(
      parse({ created: 1, usage: { input_tokens: 5, images: 2 }, data: [{ url: "https://x.test/1.png", revised_prompt: null }, { url: "https://x.test/2.png" }] }),
    );
    expect(answer.images.map((image) => image.revisedPrompt)).toEqual(["", ""]);
    expect(answer.imageCount).toBeNull();
  });

  it("counts items with neither a usable url nor base64 as unusable, and empty ones as failed slots, not billed", () => {
    const answer = images(parse({ data: [{ url: "javascript:alert(1)" }, { b64_json: "not base64!" }, { url: "https://x.test/ok.png" }, { url: "", b64_json: "", revised_prompt: "" }] }));
    expect(answer.images.map((image) => image.source)).toEqual([{ kind: "url", url: "https://x.test/ok.png" }]);
    expect(answer.unusable).toBe(2);
    expect(answer.failed).toEqual([""]);
    expect(billedImages(answer)).toBe(3);
  });
});

describe("Model Studio's synchronous multimodal answer", () => {
  it("takes each image item, the text item as the revised prompt, usage and the request id", () => {
    const answer = images(parse(MULTIMODAL, { "x-request-id": "the-gateway-s-own" }));
    expect(answer.images).toEqual([
      { source: { kind: "url", url: LINK }, revisedPrompt: "A flower shop with exquisite windows, in warm evening light" },
      { source: { kind: "url", url: `${LINK}&n=2` }, revisedPrompt: "A flower shop with exquisite windows, in warm evening light" },
    ]);
    // The body's id is the upstream's own; it wins over a header.
    expect(answer).toMatchObject({ imageCount: 2, requestId: "815505c6-7c3d-49d7-b197-1a2b3c", stoppedEarly: [] });
  });

  it("reads an inline data: URI as base64", () => {
    const answer = images(
      parse({
        output: { choices: [{ finish_reason: "stop", message: { content: [{ image: `data:image/png;base64,${PNG_B64}` }] } }] },
        usage: { image_count: 1, width: 1664, height: 928 },
      }),
    );
    expect(answer.images[0]?.source).toEqual({ kind: "base64", data: PNG_B64 });
  });

  it("keeps what came of a partial answer and names the choice that stopped early", () => {
    const answer = images(
      parse({
        ...MULTIMODAL,
        output: {
          choices: [
            { finish_reason: "stop", message: { content: [{ image: LINK }] } },
            { finish_reason: "content_filter", message: { content: [] } },
          ],
        },
        usage: { image_count: 1 },
      }),
    );
    expect(answer.images).toHaveLength(1);
    expect(answer.stoppedEarly).toEqual(["content_filter"]);
    expect(answerNotices(2, answer)).toEqual(["The gateway returned 1 of the 2 images asked for.", "The model stopped early (finish reason: content_filter)."]);
  });
});

describe("Model Studio's text-to-image results", () => {
  it("shows actual_prompt as the revised prompt, counts a refused item, and keeps the task id", () => {
    const answer = images(parse(TEXT2IMAGE));
    expect(answer).toMatchObject({
      images: [{ source: { kind: "url", url: LINK }, revisedPrompt: "Childhood-inspired hand-drawn poster design" }],
      failed: ["DataInspectionFailed"],
      imageCount: 1,
      requestId: "7434edb2-3cba-44e6-a772-4d5e6f",
      taskId: "878f591e-ebdf-4e45-97eb-7a8b9c",
    });
    expect(answerNotices(2, answer)).toEqual(["The gateway returned 1 of the 2 images asked for.", "Content moderation refused 1 of them."]);
    expect(billedImages(answer)).toBe(1);
  });

  it("takes a prompt handed back unchanged, or none, as no rewriting", () => {
    const result = (extra: object) => images(parse({ ...TEXT2IMAGE, output: { ...TEXT2IMAGE.output, results: [{ orig_prompt: "A poster", url: LINK, ...extra }] } })).images[0]?.revisedPrompt;
    expect(result({ actual_prompt: "A poster" })).toBe("");
    expect(result({})).toBe("");
    expect(result({ actual_prompt: "A poster, hand-drawn, warm light" })).toBe("A poster, hand-drawn, warm light");
  });

  it("fails with the upstream's own refusal when every result was refused", () => {
    const answer = images(parse({ ...TEXT2IMAGE, output: { ...TEXT2IMAGE.output, results: [TEXT2IMAGE.output.results[1]] }, usage: { image_count: 0 } }));
    const error = emptyAnswerError(answer, { model: "wan2.5-t2i-preview", task: "generation" });
    expect(error.code).toBe("moderation_refused");
    expect(error.requestId).toBe("7434edb2-3cba-44e6-a772-4d5e6f");
    expect(error.taskId).toBe("878f591e-ebdf-4e45-97eb-7a8b9c");
  });

  it("names other failed results by their code", () => {
    const answer = images(parse({ output: { task_status: "SUCCEEDED", task_id: "t", results: [{ url: LINK }, { code: "InternalError.Algo" }, { code: "InternalError.Algo" }] } }));
    expect(answerNotices(3, answer)).toEqual(["The gateway returned 1 of the 3 images asked for.", "2 failed at the gateway (InternalError.Algo ×2)."]);
  });
});

describe("asynchronous tasks", () => {
  it("reads a pending task to follow", () => {
    expect(parse(PENDING)).toEqual({ kind: "task", status: "PENDING", taskId: "0385dc79-5ff8-4d82-bcb6-aa", requestId: "c4a1e5f0-pending" });
    expect(parse({ output: { task_id: "t2", task_status: "running" } })).toMatchObject({ kind: "task", status: "RUNNING", taskId: "t2" });
  });

  it.each(["FAILED", "CANCELED", "UNKNOWN"] as const)("reads a task that ended %s", (status) => {
    expect(parse({ ...FAILED, output: { ...FAILED.output, task_status: status } })).toMatchObject({ kind: "task_ended", status, taskId: "t-failed", requestId: "f0e1-failed" });
  });

  it("keeps the followed task's id when a query's answer leaves it out", () => {
    const answer = parseGatewayAnswer(JSON.stringify({ output: { task_status: "SUCCEEDED", results: [{ url: LINK }] } }), new Headers(), "t-followed");
    expect(answer).toMatchObject({ kind: "images", taskId: "t-followed" });
    for (const [status, kind] of [["RUNNING", "task"], ["FAILED", "task_ended"]] as const) {
      expect(parseGatewayAnswer(JSON.stringify({ output: { task_status: status } }), new Headers(), "t-followed")).toMatchObject({ kind, status, taskId: "t-followed" });
    }
  });

  it("takes as a task id only what can stand as one segment of the task route's path", () => {
    for (const id of ["0385dc79-5ff8-4d82-bcb6-aa", "task_01JQ8Z", "ns:task.42", "a..b", ".hidden", "x".repeat(128)]) expect(isTaskId(id), id).toBe(true);
    for (const id of [".", "..", "...", "", "x".repeat(129), "a/b", "a?b", "a#b", "a%2e", "a b", "é"]) expect(isTaskId(id), id).toBe(false);
  });

  it.each([".", "..", "../../v1/models", "a/b"])("refuses to follow the task id %j", (id) => {
    const error = refusal(() => parse({ request_id: "r-dots", output: { task_id: id, task_status: "PENDING" } }));
    expect(error.code).toBe("bad_upstream_response");
    expect(error.message).toContain("(a malformed task id)");
    expect(error.requestId).toBe("r-dots");
    expect(error.taskId).toBeUndefined();
  });
});

describe("error envelopes that come with a 200", () => {
  it("hands DashScope's and OpenAI's envelopes on for mapping, with their request id", () => {
    expect(parse({ code: "Arrearage", message: "Access denied", request_id: "r-1" })).toMatchObject({ kind: "error", requestId: "r-1" });
    expect(parse({ error: { code: "insufficient_quota", message: "x", request_id: "r-2" } })).toMatchObject({ kind: "error", requestId: "r-2" });
  });
});

describe("answers it does not understand", () => {
  it.each([
    ["not JSON", "<html><body>502 Bad Gateway</body></html>"],
    ["not JSON", '{"created": 1, "data": [{"url": "https://x'],
    ["not a JSON object", "[1, 2]"],
    ["an unknown shape", JSON.stringify({ created: 1, data: "nope" })],
    ["an unknown shape", JSON.stringify({ output: { status: "done", pictures: [LINK] }, request_id: "r-odd" })],
    ["an unknown shape", JSON.stringify({ output: { choices: "nope" } })],
    ["an unknown shape", JSON.stringify({ images: [LINK] })],
    ["a task without an id", JSON.stringify({ output: { task_status: "PENDING" } })],
    ["a finished task without results", JSON.stringify({ output: { task_id: "t", task_status: "SUCCEEDED" } })],
  ])("refuses %s as a bad upstream response, with the request id", (detail, text) => {
    const error = refusal(() => parseGatewayAnswer(text, new Headers({ "x-request-id": "hdr-1" })));
    expect(error.code).toBe("bad_upstream_response");
    expect(error.status).toBe(502);
    expect(error.message).toContain(`(${detail})`);
    expect(error.message).toContain("request id");
    expect(error.requestId).toBe(text.includes("r-odd") ? "r-odd" : "hdr-1");
  });

  it("asks for the id it has to give the gateway's support, and for none where the answer named none", () => {
    const garbage = "<html><body>502 Bad Gateway</body></html>";
    expect(refusal(() => parseGatewayAnswer(garbage, new Headers({ "x-request-id": "hdr-1" }))).message).toMatch(/give the gateway's support the request id\.$/);
    const nameless = refusal(() => parseGatewayAnswer(garbage, new Headers()));
    expect(nameless.requestId).toBeUndefined();
    expect(nameless.message).toMatch(/tell the gateway's support when it happened \(the answer named no request id\)\.$/);
  });

  it("never throws anything but the app's error, whatever the body", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ output: value })), fc.jsonValue().map((value) => JSON.stringify({ data: value }))), (text) => {
        try {
          const answer = parseGatewayAnswer(text);
          // Whatever it accepts holds only fetchable sources.
          if (answer.kind === "images") for (const image of answer.images) expect(["url", "base64"]).toContain(image.source.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
    );
  });
});

describe("request ids", () => {
  it("are read from the body or the headers, and only when they look like ids", () => {
    expect(requestIdFromBody(JSON.stringify({ code: "x", request_id: "abc-123" }))).toBe("abc-123");
    expect(requestIdFromBody("<html>")).toBeNull();
    expect(requestIdFromHeaders(new Headers({ "x-oneapi-request-id": "2026120204" }))).toBe("2026120204");
    expect(requestIdFromHeaders(new Headers({ "x-request-id": "has spaces in it" }))).toBeNull();
    expect(requestIdFromBody(JSON.stringify({ request_id: "x".repeat(500) }))).toBeNull();
  });
});

describe("billing and notices", () => {
  const answer = (overrides: Partial<ImageAnswer>): ImageAnswer => ({ ...EMPTY_ANSWER, ...overrides });
  const one = ONE_IMAGE;

  it("bills the gateway's own count where it gives one, else every item it made, usable or not", () => {
    expect(billedImages(answer({ images: [one, one], imageCount: 3 }))).toBe(3);
    expect(billedImages(answer({ images: [one], unusable: 2 }))).toBe(3);
  });

  it("says when more came than were asked, and when items were unusable", () => {
    expect(answerNotices(1, answer({ images: [one, one, one, one] }))).toEqual(["The gateway returned 4 images, more than the 1 asked for; all are counted."]);
    expect(answerNotices(2, answer({ images: [one], unusable: 1 }))).toEqual([
      "The gateway returned 1 of the 2 images asked for.",
      "1 came with a link or data that cannot be read and could not be kept.",
    ]);
    expect(answerNotices(1, answer({ images: [one] }))).toEqual([]);
  });

  it("keeps no more of a flood of images than any model makes in one request, and says so", () => {
    const flood = Array.from({ length: 20_000 }, () => one);
    expect(imagesToKeep(1, flood)).toHaveLength(KEPT_PER_ANSWER);
    expect(imagesToKeep(2, [one, one, one])).toHaveLength(3);
    expect(answerNotices(1, answer({ images: flood }))).toEqual([
      `The gateway returned 20000 images, more than the 1 asked for; the first ${KEPT_PER_ANSWER} are taken, and all are counted.`,
    ]);
    expect(billedImages(answer({ images: flood }))).toBe(20_000);
  });

  it.each([
    [6, [
      "The gateway returned 6 images, more than the 4 asked for; all are counted.",
      "5 of the 6 images could not be kept; they are billed all the same.",
    ]],
    [9, [
      `The gateway returned 9 images, more than the 4 asked for; the first ${KEPT_PER_ANSWER} are taken, and all are counted.`,
      `5 of the ${KEPT_PER_ANSWER} images could not be kept; they are billed all the same.`,
    ]],
  ])("tells one story of an over-full answer of %i that lost images: the answer's notice claims none kept", (got, said) => {
    const over = answer({ images: Array.from({ length: got }, () => one) });
    const lost = Array.from({ length: 5 }, () => new AppError("bad_upstream_response", "The gateway's image link answered 404; the image could not be kept."));
    expect([...answerNotices(4, over), ...lostNotices(imagesToKeep(4, over.images).length, lost)]).toEqual([
      ...said,
      "The gateway's image link answered 404; the image could not be kept.",
    ]);
  });
});
