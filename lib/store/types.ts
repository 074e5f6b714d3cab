import type { CompareRequest } from "../compare/compare-request";
import type { ErrorCode } from "../errors";
import type { ComparisonView, GenerationRequest, GenerationStatus, GenerationView, HistoryItem, HistoryPage } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import type { UpstreamIds } from "../gateway/answer";

/**
 * The history's storage, as two small interfaces: records (GenerationStore) and image bytes (ImageStore).
 * The embedded default is SQLite plus a folder; another backend implements the same two.
 */

export type StoredImage = {
  readonly id: string;
  readonly position: number;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
  readonly bytes: number;
  readonly revisedPrompt: string;
};

/** An edit's input image on record; its bytes are in the ImageStore under the same id. */
export type StoredInput = {
  readonly id: string;
  readonly createdAt: number;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
  readonly bytes: number;
  /** Of the stored bytes, so the same upload twice is kept once. */
  readonly sha256: string;
  /** The history result it was taken from, with that step's model, prompt and own input (if an edit); null for an upload. */
  readonly from: {
    readonly generationId: string;
    readonly imageId: string;
    readonly inputId: string | null;
    readonly model: string;
    readonly prompt: string;
  } | null;
};

export type ListQuery = {
  readonly limit: number;
  readonly cursor?: string | null;
  /** Words to find in the prompt or a revised prompt. */
  readonly q?: string;
  readonly model?: string;
  readonly status?: GenerationStatus;
  readonly starred?: boolean;
};

export type Failure = { readonly code: ErrorCode; readonly message: string; readonly retryAfterSeconds: number | null };

/** What a share link points at: history items, in the order they were chosen. */
export type ShareEntry = { readonly kind: HistoryItem["kind"]; readonly id: string };

export type ShareView = {
  readonly id: string;
  readonly createdAt: number;
  readonly title: string;
  /** The items still in the history; deleted ones are counted in `missing`. */
  readonly items: readonly HistoryItem[];
  readonly missing: number;
};

export type GenerationStore = {
  /** Records a running generation; an edit's request names its input, which must be on record. */
  create(generation: { id: string; createdAt: number; request: GenerationRequest }): GenerationView;
  /** Records the seed the moment the request goes out, so even a failure says which seed it tried. */
  markSent(id: string, seed: number): void;
  /** Records the gateway's ids as soon as they are known (a task may run for minutes), while it runs. */
  markUpstream(id: string, ids: UpstreamIds): void;
  /** Commits a finished generation with its images in one transaction; null when it is no longer running. */
  complete(
    id: string,
    result: {
      finishedAt: number;
      durationMs: number;
      images: readonly StoredImage[];
      upstream?: UpstreamIds;
      billedImages?: number;
      notices?: readonly string[];
    },
  ): GenerationView | null;
  /** Ends a running generation as failed or cancelled; null when it is no longer running. */
  fail(
    id: string,
    end: {
      finishedAt: number;
      status: "failed" | "cancelled";
      error: Failure | null;
      upstream?: UpstreamIds;
      /** What the failed call billed: 0 where nothing, null where it cannot be told. */
      billedImages?: number | null;
    },
  ): GenerationView | null;
  get(id: string): GenerationView | null;
  /** Records a comparison and its columns (running generations, in display order) in one transaction. */
  createComparison(comparison: {
    id: string;
    createdAt: number;
    request: CompareRequest;
    seed: number;
    columns: ReadonlyArray<{ id: string; request: GenerateRequest }>;
  }): ComparisonView;
  getComparison(id: string): ComparisonView | null;
  /**
   * Puts a new running generation in the place of a column that ended without images (same comparison,
   * same position) and drops the old one; null when there is no such finished column.
   */
  replaceColumn(oldId: string, column: { id: string; createdAt: number }): GenerationView | null;
  updateComparison(id: string, patch: { starred?: boolean; revealed?: boolean }): ComparisonView | null;
  /** Removes the comparison with its columns; returns the image ids for the caller to remove their files. */
  deleteComparison(id: string): { imageIds: string[] } | null;
  /** Generations and comparisons, newest first. A comparison matches a filter when one of its columns does. */
  list(query: ListQuery): HistoryPage;
  createShare(share: { id: string; createdAt: number; title: string; entries: readonly ShareEntry[] }): void;
  getShare(id: string): ShareView | null;
  setStarred(id: string, starred: boolean): GenerationView | null;
  /**
   * Removes the record and returns the ids of its images, for the caller to remove their files. An edit's
   * input counts as used at `now`, so it outlives the edit by a day (a form may hold it from "Reuse settings").
   */
  delete(id: string, now: number): { imageIds: string[] } | null;
  /** At start-up: generations a crash or restart left running can never finish, so they are marked interrupted. */
  markInterrupted(now: number): number;
  image(id: string): (StoredImage & { generationId: string }) | null;
  /** Counts `n` images against the day, unless that would pass `limit`; false when it would. */
  reserveImages(day: string, n: number, limit: number | null): boolean;
  /**
   * Corrects the day's count once the gateway has said what it bills: a negative `delta` gives back images
   * reserved but not made, a positive one counts images beyond the reservation (they are billed whatever
   * the limit says). The count never goes below 0.
   */
  adjustImages(day: string, delta: number): void;
  imagesUsed(day: string): number;
  /** Counts images of a model as billed on the day (what the gateway said it billed, or all asked where it cannot be told). */
  addSpend(day: string, model: string, images: number): void;
  /** The day's billed images by model, for what it cost. */
  spendOn(day: string): ReadonlyArray<{ readonly model: string; readonly images: number }>;
  /** Remembers a signed-out session until its token would have expired anyway. */
  revokeSession(id: string, expiresAt: number, now: number): void;
  isSessionRevoked(id: string): boolean;
  createInput(input: StoredInput): void;
  input(id: string): StoredInput | null;
  /** An input already on record for the same upload (by hash) or the same history result. */
  findInput(key: { sha256: string } | { sourceImageId: string }): StoredInput | null;
  /** The bytes of every input on record, for the quota on what uploads may keep. */
  inputBytes(): number;
  /** Marks an input as just chosen again (a form holds it), so the clean-up leaves it for another day. */
  touchInput(id: string, now: number): void;
  /**
   * Drops inputs that no generation uses and nobody chose since `before` (kept too: ones a later input came
   * from, whose chain step they carry); returns their ids for the caller to remove their files.
   */
  dropUnusedInputs(before: number): string[];
  /** Every image id on record (results and inputs), for sweeping files that no record owns. */
  imageIds(): Set<string>;
  close(): void;
};

export type ImageStore = {
  /** Writes both files durably (temporary file, fsync, rename): a crash leaves either nothing or whole files. */
  put(id: string, image: Buffer, thumbnail: Buffer): Promise<void>;
  read(id: string, variant: "full" | "thumb"): Promise<Buffer | null>;
  remove(id: string): Promise<void>;
  /** Removes files whose id is not in `keep` (left by a crash between writing files and committing). */
  sweep(keep: ReadonlySet<string>): Promise<number>;
};
