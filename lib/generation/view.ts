import type { EditRequest } from "../edit/edit-request";
import type { ErrorCode } from "../errors";
import type { SetRequest } from "./set-kind";
import type { GenerateRequest } from "../models/request-schema";

/**
 * A generation as the browser sees it: the app's own record, never wire data. Image links point at the
 * app's image route, which serves the stored copy long after the gateway's 24-hour URL has expired.
 */

export const GENERATION_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/**
 * Not over yet: running, or queued (recorded and paid for, waiting for a free place under the cap on calls
 * in flight; nothing has been sent).
 */
export const isActive = (status: GenerationStatus): status is "running" | "queued" => status === "running" || status === "queued";

/** Ended without images (failed, cancelled, interrupted): what a column can be run again in its place for. */
export const endedWithoutImages = (status: GenerationStatus): boolean => !isActive(status) && status !== "succeeded";

export type ImageView = {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly revisedPrompt: string;
  readonly src: string;
  readonly thumbSrc: string;
  readonly downloadSrc: string;
};

/** What a generation was asked: an image from text, or an edit of an input image. */
export type GenerationRequest = GenerateRequest | EditRequest;

export const isEditRequest = (request: GenerationRequest): request is EditRequest => "input" in request;

/** The picture an edit started from, as the server keeps it (an upload, or a result from the history). */
export type InputImageView = {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly src: string;
  readonly thumbSrc: string;
  /** The history result it was taken from; null for an upload, and on a share's page (see `fromHistory`). */
  readonly from: { readonly generationId: string; readonly imageId: string; readonly prompt: string } | null;
  /**
   * On a share's page only, where `from` is withheld (the link's owner did not choose to show that result):
   * whether the input was a result all the same, so the page does not call it an upload.
   */
  readonly fromHistory?: boolean;
};

/** An earlier step of an edit chain: a generation whose result the next step started from. */
export type ChainStep = {
  readonly generationId: string;
  readonly model: string;
  readonly prompt: string;
  /** False when that step has since been deleted (its input and result live on in the later steps). */
  readonly exists: boolean;
};

/**
 * What a running generation is doing: its request is out and the model at work (`sent`; `working` once the
 * gateway has said so by giving a task id), its images are being fetched (`downloading`) or checked and
 * written (`storing`).
 */
/** A running generation's steps, in the order they come: a record's stage only ever moves forward. */
export const GENERATION_STAGES = ["sent", "working", "downloading", "storing"] as const;
export type GenerationStage = (typeof GENERATION_STAGES)[number];

/** When each step of a finished generation ended (Unix milliseconds): where its time went. */
export type StepTimings = {
  readonly sentAt: number;
  /** The gateway's answer was in. */
  readonly answeredAt: number;
  /** Its images were here (fetched from their links, or decoded). */
  readonly downloadedAt: number;
  /** Checked, thumbnailed and written. The record was committed right after. */
  readonly storedAt: number;
};

export type GenerationView<Request extends GenerationRequest = GenerationRequest> = {
  readonly kind: "generation";
  readonly id: string;
  /** Set when this generation is one column of a comparison (it is then listed only inside it). */
  readonly comparisonId: string | null;
  readonly status: GenerationStatus;
  /** Unix milliseconds. */
  readonly createdAt: number;
  readonly finishedAt: number | null;
  /** The settings as the user gave them (seed null when left random). */
  readonly request: Request;
  /** The edit's input image; null for a generation from text. */
  readonly input: InputImageView | null;
  /** For an edit of an earlier result: the steps before it, oldest first (empty otherwise). */
  readonly chain: readonly ChainStep[];
  /** The seed that went to the gateway, once it was sent. */
  readonly seed: number | null;
  /** Time spent waiting for the gateway. */
  readonly durationMs: number | null;
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly retryAfterSeconds: number | null } | null;
  readonly starred: boolean;
  /** The gateway's id of the call, for the user to quote to its support; null before (or without) an answer. */
  readonly requestId: string | null;
  /** The gateway's task id, when it answered with an asynchronous task. */
  readonly taskId: string | null;
  /** The images the gateway billed, once it answered with results. */
  readonly billedImages: number | null;
  /** What the answer said of images that did not come (or of more than were asked), one sentence each. */
  readonly notices: readonly string[];
  readonly images: readonly ImageView[];
  /** While it runs: what it is doing. */
  readonly stage: GenerationStage | null;
  /** While it runs: how long this model usually takes here for this size, from this deployment's history. */
  readonly typicalMs: number | null;
  /** While it is queued: how many queued generations go before it (0: it is next). */
  readonly queuedAhead: number | null;
  readonly timings: StepTimings | null;
  /** When its request went to the gateway (Unix milliseconds); null before, and in records too old to say. */
  readonly sentAt: number | null;
};

export type ComparisonColumn = {
  readonly generation: GenerationView<GenerateRequest>;
  /** What this model was sent differently from the comparison's settings (its size aside), in words. */
  readonly notes: readonly string[];
};

/**
 * Generations made together and kept as one history item: one prompt and one seed on several models (a
 * comparison), a grid's cells in plan order, or a batch's rows (lib/generation/set-kind.ts tells them apart).
 */
export type ComparisonView<Request extends SetRequest = SetRequest> = {
  readonly kind: "comparison";
  readonly id: string;
  readonly createdAt: number;
  /** As asked (seed null when left random). */
  readonly request: Request;
  /** The one seed every column was sent, chosen by the server when it was left random. */
  readonly seed: number;
  readonly starred: boolean;
  /** Blind comparisons hide model names until someone reveals them; columns are stored in shuffled order. */
  readonly revealed: boolean;
  readonly columns: readonly ComparisonColumn[];
  /**
   * What the attempts its retries replaced billed, or may have (every image asked where no one can tell), by
   * model: their columns are gone, but not from today's spend. Absent when no retry replaced any.
   */
  readonly earlierAttempts?: readonly EarlierAttempts[];
};

/** `attempts` of a model replaced by retries, and the `images` they billed. */
export type EarlierAttempts = { readonly model: string; readonly images: number; readonly attempts: number };

export type HistoryItem = GenerationView | ComparisonView;

export type HistoryPage = { readonly items: readonly HistoryItem[]; readonly nextCursor: string | null };

/**
 * A page as the list route answers it: `changeId` is the change log's newest id read before the page, so the
 * page shows every change up to it (and perhaps some after), and a live event with a higher id is newer.
 */
export type ListedPage = HistoryPage & { readonly changeId: number };

export const imageLinks = (id: string) => ({
  src: `/api/images/${id}`,
  thumbSrc: `/api/images/${id}/thumb`,
  downloadSrc: `/api/images/${id}/download`,
});
