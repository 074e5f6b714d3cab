import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../errors";
import { generationView } from "@/test/generation-view";
import type { ComparisonView, GenerationView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { GenerateRequest } from "../models/request-schema";
import { AppError } from "../errors";
import type { ImageAnswer } from "../gateway/answer";
import { answerNotices, lostNotices } from "../gateway/shortfall";
import { BLIND_UNASKED_SIZE, blindView } from "./blind-view";

const image = (id: string, width: number, height: number, revisedPrompt: string) => ({ id, width, height, revisedPrompt, src: `/api/images/${id}`, thumbSrc: `/api/images/${id}/thumb`, downloadSrc: `/api/images/${id}/download` });

/** A Wan 2.6 and a Qwen-Image Max column, each as different as models make them: size, seed, timing, rewrite. */
const column = (model: "wan2.6-t2i" | "qwen-image-max", patch: Partial<GenerationView>) => ({
  generation: generationView({
    id: model === "wan2.6-t2i" ? "g1" : "g2",
    comparisonId: "c",
    request: { ...defaultRequest(model), prompt: "A bowl of ramen", width: model === "wan2.6-t2i" ? 1280 : 1664, height: model === "wan2.6-t2i" ? 720 : 928 },
    seed: 7,
    createdAt: 1_000,
    status: "succeeded",
    finishedAt: model === "wan2.6-t2i" ? 9_000 : 4_000,
    durationMs: model === "wan2.6-t2i" ? 8_000 : 3_000,
    requestId: `req-${model}`,
    taskId: model === "wan2.6-t2i" ? "task-1" : null,
    billedImages: 1,
    stage: null,
    typicalMs: 5_000,
    timings: { sentAt: 1_000, answeredAt: 2_000, downloadedAt: 3_000, storedAt: 4_000 },
    images: [image(model === "wan2.6-t2i" ? "i1" : "i2", model === "wan2.6-t2i" ? 1280 : 1664, model === "wan2.6-t2i" ? 720 : 928, `${model} rewrote it`)],
    ...patch,
  }) as GenerationView<GenerateRequest>,
  notes: [`${model} does not take prompt rewriting off`],
});

const comparison = (blind: boolean, revealed: boolean, columns = [column("wan2.6-t2i", {}), column("qwen-image-max", {})]): ComparisonView => ({
  kind: "comparison",
  id: "c",
  createdAt: 1_000,
  request: { models: ["wan2.6-t2i", "qwen-image-max"], prompt: "A bowl of ramen", negativePrompt: "", aspect: "16:9", perModel: 1, seed: 7, promptExtend: false, watermark: false, blind },
  seed: 7,
  starred: false,
  revealed,
  columns,
});

/** What a column says, its id aside (the record's own, random): the same for every column of a hidden comparison. */
const withoutId = (view: ComparisonView) => view.columns.map(({ generation, notes }) => JSON.stringify({ ...generation, id: "", images: generation.images.map((shown) => ({ ...shown, id: "", src: "", thumbSrc: "", downloadSrc: "" })), notes }));

describe("a blind comparison as it leaves the server", () => {
  it("leaves comparisons in the open, and revealed ones, as they are", () => {
    for (const view of [comparison(false, false), comparison(true, true)]) expect(blindView(view)).toBe(view);
  });

  /** What of a hidden comparison could tell its models apart: everything but its own settings, which name them all. */
  const expectNoTell = (hidden: ComparisonView) => {
    const told = JSON.stringify({ ...hidden, request: null });
    for (const tell of ["wan2.6", "Wan 2.6", "Qwen-Image Max", "1664", "928", "1280", "720", "rewrote", "req-", "task-1", "8000", "3000", "does not take"]) expect(told).not.toContain(tell);
  };

  it("gives every column the same settings, shape and outcome, so no column tells its model", () => {
    const hidden = blindView(comparison(true, false));
    const [first, ...rest] = withoutId(hidden);
    for (const other of rest) expect(other).toBe(first);
    // Every column names the same stand-in, the first of the comparison's models by id.
    expect(hidden.columns.map(({ generation }) => generation.request.model)).toEqual(["qwen-image-max", "qwen-image-max"]);
    expectNoTell(hidden);
    expect(hidden.columns[0]?.generation.images[0]).toMatchObject({ width: 1024, height: 576, revisedPrompt: "", src: "/api/images/i1?blind", thumbSrc: "/api/images/i1/thumb?blind" });
    // The comparison's own settings are the owner's and stay, for "Reuse settings".
    expect(hidden.request).toEqual(comparison(true, false).request);
  });

  it("shows no column done, failed or with images until every column has ended", () => {
    const running = blindView(comparison(true, false, [column("wan2.6-t2i", { status: "running", finishedAt: null, images: [], billedImages: null }), column("qwen-image-max", {})]));
    expect(running.columns.map(({ generation }) => [generation.status, generation.images.length, generation.finishedAt, generation.billedImages])).toEqual([
      ["running", 0, null, null],
      ["running", 0, null, null],
    ]);
  });

  it("shows a column the owner cancelled as cancelled at once", () => {
    const view = blindView(comparison(true, false, [column("wan2.6-t2i", { status: "running", finishedAt: null, images: [] }), column("qwen-image-max", { status: "cancelled", images: [] })]));
    expect(view.columns.map(({ generation }) => generation.status)).toEqual(["running", "cancelled"]);
  });

  it("counts the attempts retries replaced together, each at every image asked, whatever their models' bills said or say later", () => {
    const retried = (earlierAttempts: ComparisonView["earlierAttempts"]) => ({ ...comparison(true, false), earlierAttempts });
    const hidden = blindView(retried([{ model: "qwen-image-max", images: 1, attempts: 1 }, { model: "wan2.6-t2i", images: 0, attempts: 2 }]));
    expect(hidden.earlierAttempts).toEqual([{ model: "qwen-image-max", images: 3, attempts: 3 }]);
    expectNoTell(hidden);
    // A late bill of a Wan attempt changes nothing shown until the reveal, which shows the bills.
    expect(blindView(retried([{ model: "qwen-image-max", images: 1, attempts: 1 }, { model: "wan2.6-t2i", images: 1, attempts: 2 }]))).toEqual(hidden);
    expect(blindView({ ...retried([{ model: "wan2.6-t2i", images: 0, attempts: 2 }]), revealed: true }).earlierAttempts).toEqual([{ model: "wan2.6-t2i", images: 0, attempts: 2 }]);
  });

  it("shows what a column stopped from outside billed as at its end: its call's late bill waits for the reveal", () => {
    const stopped = (billedImages: number | null, seed: number | null, revealed = false) =>
      blindView(comparison(true, revealed, [column("wan2.6-t2i", {}), column("qwen-image-max", { status: "cancelled", images: [], billedImages, seed })])).columns[1]?.generation.billedImages;
    // Sent: every image asked may be billed, until the reveal shows what its bill said.
    expect(stopped(null, 7)).toBeNull();
    expect(stopped(0, 7)).toBeNull();
    expect(stopped(0, 7, true)).toBe(0);
    // Never sent: nothing, at once.
    expect(stopped(0, null)).toBe(0);
  });

  it("says a column's failure by its kind alone: the gateway's own words differ by model", () => {
    const failure = (code: ErrorCode, message: string) => column("qwen-image-max", { status: "failed", images: [], billedImages: 0, error: { code, message, retryAfterSeconds: 30 } });
    const said = (code: ErrorCode, message: string) => blindView(comparison(true, false, [column("wan2.6-t2i", {}), failure(code, message)])).columns[1]?.generation.error;
    expect(said("model_unavailable", "Qwen-Image Max (qwen-image-max) is unavailable.")).toEqual({
      code: "model_unavailable",
      message: "This model was not available then. Its own words show when the models are revealed.",
      retryAfterSeconds: null,
    });
    // A model run as a task times out with its task's state; one answered at once, without: the same here.
    const taskTimeout = said("timeout", "The gateway's task was still RUNNING after 300 seconds.");
    expect(taskTimeout).toEqual(said("timeout", "The gateway did not answer within 300 seconds."));
    expect(said("internal_error", "anything")?.message).toBe("This request failed. Its own words show when the models are revealed.");
    // A store that could not keep the images is no model's doing: said as what it is, the images billed.
    expect(said("storage_unavailable", "The image store could not be reached.")?.message).toBe(
      "The image store could not keep this request's images, though they are billed. Its own words show when the models are revealed.",
    );
    // Revealed, its own words.
    // A Retry-After is the gateway's for one model: none said either. Revealed, its own words and wait.
    expect(said("rate_limited", "Throttling")?.retryAfterSeconds).toBeNull();
    expect(blindView(comparison(true, true, [column("wan2.6-t2i", {}), failure("timeout", "The gateway's task was still RUNNING.")])).columns[1]?.generation.error).toMatchObject({
      message: "The gateway's task was still RUNNING.",
      retryAfterSeconds: 30,
    });
  });

  it("says a column's images came at another size than asked without a size until the reveal: each model is asked its own", () => {
    const wrong = (model: "wan2.6-t2i" | "qwen-image-max", asked: string) => column(model, { notices: ["The gateway returned 0 of the 1 images asked for.", `The gateway's image is 1*1, not the ${asked} asked for.`] });
    const columns = [wrong("wan2.6-t2i", "1280*720"), wrong("qwen-image-max", "1664*928")];
    const hidden = blindView(comparison(true, false, columns));
    expectNoTell(hidden);
    expect(hidden.columns.map(({ generation }) => generation.notices)).toEqual(columns.map(() => ["The gateway returned 0 of the 1 images asked for.", BLIND_UNASKED_SIZE]));
    expect(blindView(comparison(true, true, columns)).columns.map(({ generation }) => generation.notices)).toEqual(columns.map(({ generation }) => generation.notices));
  });

  it("says what a column's answer lacked without the gateway's codes, finish reasons or a link's answer, which differ by model family", () => {
    const answer = (failed: string[], stoppedEarly: string[]): ImageAnswer => ({
      kind: "images",
      created: 0,
      requestId: null,
      taskId: null,
      images: [{ source: { kind: "url", url: "https://x/1.png" }, revisedPrompt: "" }],
      failed,
      unusable: 0,
      stoppedEarly,
      imageCount: null,
    });
    const lost = (status: number) => lostNotices(2, [new AppError("bad_upstream_response", `The gateway's image link answered ${status}; the image could not be kept.`), new AppError("bad_upstream_response", "The gateway returned an image link the playground will not fetch (not https).")]);
    const columns = [
      column("wan2.6-t2i", { notices: [...answerNotices(2, answer(["InternalError.Algo"], ["length"])), ...lost(403)] }),
      column("qwen-image-max", { notices: [...answerNotices(2, answer(["InternalError"], ["content_filter"])), ...lost(404)] }),
    ];
    const hidden = blindView(comparison(true, false, columns)).columns.map(({ generation }) => generation.notices);
    expect(hidden[0]).toEqual(hidden[1]);
    expect(hidden[0]).toEqual([
      "The gateway returned 1 of the 2 images asked for.",
      "1 failed at the gateway. Its own words show when the models are revealed.",
      "The model stopped early. Its own words show when the models are revealed.",
      "2 of the 2 images could not be kept; they are billed all the same.",
      "The gateway's image link answered with an error; the image could not be kept. Its own words show when the models are revealed.",
      "The gateway returned an image link the playground will not fetch. Its own words show when the models are revealed.",
    ]);
    expect(blindView(comparison(true, true, columns)).columns.map(({ generation }) => generation.notices)).toEqual(columns.map(({ generation }) => generation.notices));
  });
});
