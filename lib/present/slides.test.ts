import { describe, expect, it } from "vitest";
import type { ComparisonView, GenerationView } from "../generation/view";
import type { BatchRequest } from "../batch/batch-request";
import type { EditRequest } from "../edit/edit-request";
import { batch } from "../i18n/messages/en/batch";
import { compare } from "../i18n/messages/en/compare";
import { edit } from "../i18n/messages/en/edit";
import { grid } from "../i18n/messages/en/grid";
import { present } from "../i18n/messages/en/present";
import type { GridRequest } from "../grid/grid-request";
import { DEFAULT_GRID, planGrid } from "../grid/grid-plan";
import { defaultRequest } from "../models/defaults";
import type { GenerateRequest } from "../models/request-schema";
import { hideComparison } from "../compare/hidden-comparison";
import { buildSlides, slideSources, type SlideWords } from "./slides";

const WORDS: SlideWords = {
  ...present.slides,
  blindModel: compare.blindModel,
  errorText: (message) => `(${message})`,
  axisNames: grid.axisNames,
  axisValue: grid.axisValue,
  values: grid.values,
  row: batch.card.row,
  edit: edit.card,
};

const image = (id: string, revisedPrompt = "") => ({ id, width: 10, height: 10, revisedPrompt, src: `/full/${id}`, thumbSrc: `/thumb/${id}`, downloadSrc: "" });

const generation = (id: string, images: GenerationView["images"], overrides: Partial<GenerationView<GenerateRequest>> = {}): GenerationView<GenerateRequest> => ({
  kind: "generation",
  id,
  comparisonId: null,
  status: "succeeded",
  createdAt: 0,
  finishedAt: 1,
  request: { ...defaultRequest("qwen-image"), prompt: `prompt ${id}` },
  seed: 1,
  durationMs: 1,
  error: null,
  starred: false,
  requestId: null,
  taskId: null,
  billedImages: null,
  notices: [],
  images,
  input: null,
  chain: [],
  stage: null,
  typicalMs: null,
  queuedAhead: null,
  timings: null,
  sentAt: null,
  ...overrides,
});

const comparison = (blind: boolean, revealed: boolean): ComparisonView => ({
  kind: "comparison",
  id: "c",
  createdAt: 0,
  request: { models: ["qwen-image", "wan2.6-t2i"], prompt: "shared", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind },
  seed: 3,
  starred: false,
  revealed,
  columns: [
    { generation: generation("c1", [image("x", "rewritten")]), notes: [] },
    {
      generation: generation("c2", [], {
        status: "failed",
        request: { ...defaultRequest("wan2.6-t2i"), prompt: "shared" },
        error: { code: "moderation_refused", message: "Refused by moderation.", retryAfterSeconds: null },
      }),
      notes: [],
    },
  ],
});

describe("presentation slides", () => {
  it("shows a grid a row per slide: the row's cells side by side, named by their value across, the row's values by the prompt", () => {
    const request: GridRequest = { ...DEFAULT_GRID, prompt: "a fox", axes: [{ type: "model", values: ["qwen-image", "wan2.6-t2i"] }, { type: "seed", values: [7, 8] }] };
    const cells = planGrid(request, 1).cells.map((cell, index) => ({
      generation: generation(`g${index}`, index === 3 ? [] : [image(`i${index}`)], { request: cell.request, ...(index === 3 && { status: "queued" as const }) }),
      notes: [],
    }));
    const slides = buildSlides([{ kind: "comparison", id: "grid", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns: cells }], WORDS);
    expect(slides.map((slide) => [slide.prompt, ...slide.panels.map((panel) => `${panel.label} ${panel.image?.id ?? panel.missing}`)])).toEqual([
      ["a fox — Seed: 7", "Model: Qwen-Image i0", "Model: Wan 2.6 i1"],
      ["a fox — Seed: 8", "Model: Qwen-Image i2", `Model: Wan 2.6 ${present.slides.noImage.queued}`],
    ]);
  });

  it("goes on over several slides with a row wider than four, in order, each panel named by its value", () => {
    const seeds = Array.from({ length: 10 }, (_, index) => index);
    const request: GridRequest = { ...DEFAULT_GRID, prompt: "a fox", axes: [{ type: "seed", values: seeds }] };
    const cells = planGrid(request, 1).cells.map((cell, index) => ({ generation: generation(`g${index}`, [image(`i${index}`)], { request: cell.request }), notes: [] }));
    const slides = buildSlides([{ kind: "comparison", id: "wide", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns: cells }], WORDS);
    expect(slides.map((slide) => slide.panels.map((panel) => panel.label))).toEqual([
      ["Seed: 0", "Seed: 1", "Seed: 2", "Seed: 3"],
      ["Seed: 4", "Seed: 5", "Seed: 6", "Seed: 7"],
      ["Seed: 8", "Seed: 9"],
    ]);
    expect(new Set(slides.map((slide) => slide.key)).size).toBe(3);
    expect(slides.flatMap((slide) => slide.panels.map((panel) => panel.image?.id))).toEqual(seeds.map((index) => `i${index}`));
  });

  it("gives each image of a generation its own slide, captioned with its model", () => {
    const slides = buildSlides([generation("g", [image("a", "ra"), image("b", "rb")]), generation("empty", [], { status: "failed" })], WORDS);
    expect(slides.map((slide) => [slide.key, slide.prompt, slide.panels[0]?.label, slide.panels[0]?.revisedPrompt])).toEqual([
      ["a", "prompt g", "Qwen-Image", "ra"],
      ["b", "prompt g", "Qwen-Image", "rb"],
    ]);
    expect(slideSources(slides[1])).toEqual(["/full/b"]);
  });

  it("puts a comparison on one slide, says why a column has no image, and keeps blind labels", () => {
    const [blind] = buildSlides([comparison(true, false)], WORDS);
    expect(blind?.panels.map((panel) => [panel.label, panel.missing])).toEqual([
      ["Model A", null],
      ["Model B", "(Refused by moderation.)"],
    ]);
    // Revealed, each keeps the letter people spoke of beside its model's name.
    expect(buildSlides([comparison(true, true)], WORDS)[0]?.panels.map((panel) => panel.label)).toEqual(["A · Qwen-Image", "B · Wan 2.6"]);
    expect(buildSlides([comparison(false, false)], WORDS)[0]?.panels.map((panel) => panel.label)).toEqual(["Qwen-Image", "Wan 2.6"]);
    expect(slideSources(blind)).toEqual(["/full/x"]);
  });

  it("shows a comparison hidden on the server the same way, with nothing but labels, images and states", () => {
    const blind = comparison(true, false);
    const failing = blind.columns[1];
    if (!failing) throw new Error("no column");
    const hidden = hideComparison({
      ...blind,
      columns: [blind.columns[0] ?? failing, { ...failing, generation: { ...failing.generation, error: { code: "model_unavailable", message: "wan2.6-t2i is temporarily unavailable.", retryAfterSeconds: null } } }],
    });
    expect(JSON.stringify(hidden)).not.toMatch(/wan2\.6|qwen|Wan 2\.6|Qwen/);
    const [slide] = buildSlides([hidden], WORDS);
    expect(slide?.panels.map((panel) => [panel.label, panel.missing])).toEqual([
      ["Model A", null],
      // Said by its kind alone (lib/compare/blind-view.ts): the gateway's own words differ by model.
      ["Model B", "(This model was not available then. Its own words show when the models are revealed.)"],
    ]);
  });

  it("gives a comparison with more images per model one slide per image position", () => {
    const two = comparison(false, false);
    const first = two.columns[0];
    if (!first) throw new Error("no column");
    const columns = [{ ...first, generation: { ...first.generation, images: [image("x"), image("y")] } }, ...two.columns.slice(1)];
    const slides = buildSlides([{ ...two, columns }], WORDS);
    expect(slides.map((slide) => slide.panels.map((panel) => panel.image?.id ?? panel.missing))).toEqual([
      ["x", "(Refused by moderation.)"],
      ["y", "(Refused by moderation.)"],
    ]);
  });

  it("says in the given words why a column has no image at a position", () => {
    const base = comparison(false, false);
    const [first, second] = base.columns;
    if (!first || !second) throw new Error("no column");
    const columns = [
      { ...first, generation: { ...first.generation, images: [image("x"), image("y")] } },
      { ...second, generation: { ...second.generation, images: [image("z")], status: "succeeded" as const, error: null } },
    ];
    expect(buildSlides([{ ...base, columns }], WORDS)[1]?.panels.map((panel) => panel.missing)).toEqual([null, "No image 2 from this model."]);
    const waiting = [first, { ...second, generation: { ...second.generation, status: "running" as const, error: null } }];
    expect(buildSlides([{ ...base, columns: waiting }], WORDS)[0]?.panels[1]?.missing).toBe("Still generating.");
    const cancelled = [first, { ...second, generation: { ...second.generation, status: "cancelled" as const, error: null } }];
    expect(buildSlides([{ ...base, columns: cancelled }], WORDS)[0]?.panels[1]?.missing).toBe("No image (cancelled).");
  });

  it("shows an edit as its card does: said to be one, its input (before) beside each result (after), under the instruction", () => {
    const request: EditRequest = { model: "qwen-image-edit-plus", input: { id: "in", width: 3000, height: 400 }, size: null, prompt: "make the sky stormy", negativePrompt: "", n: 2, seed: 5, promptExtend: true, watermark: false };
    const input = { id: "in", width: 3000, height: 400, src: "/full/in", thumbSrc: "/thumb/in", from: null };
    const edited: GenerationView = { ...generation("e", [image("r1", "a stormy sky"), image("r2")]), request, input };
    const slides = buildSlides([edited], WORDS);
    expect(slides.map((slide) => [slide.badge, slide.prompt])).toEqual([
      ["Edit", "make the sky stormy"],
      ["Edit", "make the sky stormy"],
    ]);
    expect(slides[0]?.panels.map((panel) => [panel.label, panel.image?.id, panel.origin, panel.revisedPrompt])).toEqual([
      ["Before", "in", "3000*400, uploaded", ""],
      ["After · Qwen-Image Edit Plus", "r1", undefined, "a stormy sky"],
    ]);
    // The input is loaded ahead with the result, so the slide never shows half of the pair.
    expect(slideSources(slides[1])).toEqual(["/full/in", "/full/r2"]);
    // An image from text is said to be nothing else.
    expect(buildSlides([generation("g", [image("a")])], WORDS)[0]?.badge).toBeNull();
  });

  it("names a batch's pictures by their lines, as its card and its deck do", () => {
    const rows = [generation("r2", [image("a")], { request: { ...defaultRequest("wan2.6-t2i"), prompt: "a fox" } }), generation("r3", [image("b")])];
    const request: BatchRequest = { kind: "batch", prompt: "Animals", source: "lines", rows: rows.map((row, index) => ({ line: index + 2, request: row.request })) };
    const set: ComparisonView = { kind: "comparison", id: "b", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns: rows.map((row) => ({ generation: row, notes: [] })) };
    expect(buildSlides([set], WORDS).map((slide) => slide.panels.map((panel) => panel.label))).toEqual([["Line 2 · Wan 2.6"], ["Line 3 · Qwen-Image"]]);
  });
});

describe("blind text", () => {
  it("replaces every model's id and name with its column label, longest first", async () => {
    const { blindText } = await import("../compare/column-label");
    const blind = comparison(true, false);
    expect(blindText(blind, "wan2.6-t2i is busy; Qwen-Image refused; qwen-image too", WORDS.blindModel)).toBe("Model B is busy; Model A refused; Model A too");
    expect(blindText(comparison(true, true), "wan2.6-t2i is busy", WORDS.blindModel)).toBe("wan2.6-t2i is busy");
  });
});
