import { planComparison } from "../compare/compare-request";
import { planGrid } from "../grid/grid-plan";
import { isBatchRequest, isGridRequest, type SetRequest } from "../generation/set-kind";
import { imageLinks, type ChainStep, type ComparisonView, type EarlierAttempts, type GenerationRequest, type InputImageView, type GenerationView, type StepTimings } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import type { Selectable } from "kysely";
import type { ComparisonsTable, GenerationsTable, ImagesTable, InputsTable } from "./schema";
import type { StoredImage, StoredInput } from "./types";

/** Rows as both backends return them, and their mapping to the app's own views. */

export type GenerationRow = Pick<Selectable<GenerationsTable>, (typeof GENERATION_COLUMNS)[number]>;
export type InputRow = Selectable<InputsTable>;
export type ImageRow = Selectable<ImagesTable>;
export type ComparisonRow = Selectable<ComparisonsTable>;

/** What a generation's view reads; the model, prompt and lease columns serve queries only. */
export const GENERATION_COLUMNS = [
  "id", "created_at", "finished_at", "status", "request_json", "seed", "duration_ms",
  "error_code", "error_message", "retry_after_seconds", "starred", "comparison_id", "input_id",
  "request_id", "task_id", "billed_images", "notices_json", "stage", "timings_json",
  "sent_at",
] as const;

export const toImage = (row: ImageRow): StoredImage & { generationId: string } => ({
  id: row.id,
  generationId: row.generation_id,
  position: row.position,
  width: row.width,
  height: row.height,
  mime: row.mime,
  bytes: row.bytes,
  revisedPrompt: row.revised_prompt,
});

export const toInput = (row: InputRow): StoredInput => ({
  id: row.id,
  createdAt: row.created_at,
  width: row.width,
  height: row.height,
  mime: row.mime,
  bytes: row.bytes,
  thumbBytes: row.thumb_bytes,
  sha256: row.sha256,
  from:
    row.source_image_id !== null && row.source_generation_id !== null
      ? {
          generationId: row.source_generation_id,
          imageId: row.source_image_id,
          inputId: row.source_input_id,
          model: row.source_model ?? "",
          prompt: row.source_prompt ?? "",
        }
      : null,
});

export const toInputView = (input: StoredInput): InputImageView => ({
  id: input.id,
  width: input.width,
  height: input.height,
  src: imageLinks(input.id).src,
  thumbSrc: imageLinks(input.id).thumbSrc,
  from: input.from && { generationId: input.from.generationId, imageId: input.from.imageId, prompt: input.from.prompt },
});

export const toGenerationView = (
  row: GenerationRow,
  images: readonly ImageRow[],
  input: StoredInput | null,
  chain: readonly ChainStep[],
  typicalMs: number | null = null,
  queuedAhead: number | null = null,
): GenerationView => ({
  kind: "generation",
  id: row.id,
  comparisonId: row.comparison_id,
  status: row.status,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  request: JSON.parse(row.request_json) as GenerationRequest,
  input: input && toInputView(input),
  chain,
  seed: row.seed,
  durationMs: row.duration_ms,
  error:
    row.error_code !== null
      ? { code: row.error_code, message: row.error_message ?? "", retryAfterSeconds: row.retry_after_seconds }
      : null,
  starred: row.starred === 1,
  requestId: row.request_id,
  taskId: row.task_id,
  billedImages: row.billed_images,
  notices: row.notices_json ? (JSON.parse(row.notices_json) as string[]) : [],
  images: images.map((image) => ({
    id: image.id,
    width: image.width,
    height: image.height,
    revisedPrompt: image.revised_prompt,
    ...imageLinks(image.id),
  })),
  stage: row.status === "running" ? row.stage : null,
  typicalMs: row.status === "running" ? typicalMs : null,
  queuedAhead: row.status === "queued" ? queuedAhead : null,
  timings: row.timings_json ? (JSON.parse(row.timings_json) as StepTimings) : null,
  sentAt: row.sent_at,
});

/**
 * Columns come in display order; each one's notes are derived again from the stored request (the plan is
 * pure): a comparison's by model, a grid's by cell. A batch's rows were checked as they are: no notes.
 */
const notesOf = (request: SetRequest, seed: number): ((generation: GenerationView<GenerateRequest>, index: number) => readonly string[]) => {
  if (isBatchRequest(request)) return () => [];
  if (isGridRequest(request)) {
    const cells = planGrid(request, seed).cells;
    return (_, index) => cells[index]?.notes ?? [];
  }
  const notes = new Map(planComparison(request, seed).map((plan) => [plan.request.model, plan.notes]));
  return (generation) => notes.get(generation.request.model) ?? [];
};

export const toComparisonView = (row: ComparisonRow, columns: readonly GenerationView<GenerateRequest>[], earlier: readonly EarlierAttempts[] = []): ComparisonView => {
  const request = JSON.parse(row.request_json) as SetRequest;
  const noteOf = notesOf(request, row.seed);
  return {
    kind: "comparison",
    id: row.id,
    createdAt: row.created_at,
    request,
    seed: row.seed,
    starred: row.starred === 1,
    revealed: row.revealed === 1,
    columns: columns.map((generation, index) => ({ generation, notes: noteOf(generation, index) })),
    ...(earlier.length > 0 && { earlierAttempts: earlier }),
  };
};

/** Groups rows by a key, keeping their order. */
export const groupBy = <T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};
