import type { ErrorCode } from "../errors";
import { isModelComparison } from "../generation/set-kind";
import { isUnaskedSizeNotice } from "../generation/unasked-size";
import { imageLinks, isActive, type ComparisonView, type GenerationView, type ImageView } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import { BLIND_SIDE, blindFrame } from "./blind-image";
import { blindText, isHidden } from "./column-label";
import { aspectValue } from "./fit-to-model";

/** The label as the server writes it into a failure; the interface translates the sentence around it. */
export const SERVER_LABEL = "Model {letter}";

/**
 * A hidden column's failure, said by its kind alone: the gateway's own words differ by model (a model run as
 * a task times out with its task's state, one answered at once does not), which would tell the models apart.
 */
export const BLIND_FAILURE_AFTER = "Its own words show when the models are revealed.";
const ACCOUNT_REFUSED = "The gateway refused this request for the account: its key, access or credit.";
const BLIND_FAILURES: Partial<Record<ErrorCode, string>> = {
  moderation_refused: "The content check refused this request.",
  parameter_rejected: "The gateway refused a setting of this request.",
  rate_limited: "The gateway was too busy for this request.",
  timeout: "No answer came in time.",
  model_unavailable: "This model was not available then.",
  out_of_credit: ACCOUNT_REFUSED,
  bad_api_key: ACCOUNT_REFUSED,
  model_access_denied: ACCOUNT_REFUSED,
  model_not_found: ACCOUNT_REFUSED,
  storage_unavailable: "The image store could not keep this request's images, though they are billed.",
};
export const blindFailure = (code: ErrorCode): string => `${BLIND_FAILURES[code] ?? "This request failed."} ${BLIND_FAILURE_AFTER}`;

/**
 * A hidden column's notice of images of another size than asked, without a size: each model is asked for its
 * own size at the shape chosen, so the size asked names the model, and the size it returned may too.
 */
export const BLIND_UNASKED_SIZE = "The gateway returned another size than asked. The sizes show when the models are revealed.";
/**
 * A hidden column's other notices keep what they count and drop their details, in brackets or a link's
 * status: the gateway's codes for failed images, a finish reason, why an image link was refused and what it
 * answered come from each model family's own service and image host (lib/gateway/shortfall.ts, fetch-image.ts).
 */
export const undetailed = (notice: string): string => {
  const plain = notice.replace(/ \([^)]*\)/g, "").replace(/ answered \d{3};/, " answered with an error;");
  return plain === notice ? notice : `${plain} ${BLIND_FAILURE_AFTER}`;
};
const hiddenNotice = (comparison: ComparisonView, notice: string): string =>
  isUnaskedSizeNotice(notice) ? BLIND_UNASKED_SIZE : undetailed(blindText(comparison, notice, SERVER_LABEL));

/**
 * A hidden image: its link serves the picture cropped to the comparison's asked shape, as a JPEG without
 * metadata (see app/api/images), at the same size whatever the model; its revised prompt (a model's way of
 * rewriting) waits for the reveal.
 */
const hiddenImage = (image: ImageView, frame: { width: number; height: number }): ImageView => {
  const links = imageLinks(image.id);
  return { id: image.id, ...frame, revisedPrompt: "", src: `${links.src}?blind`, thumbSrc: `${links.thumbSrc}?blind`, downloadSrc: links.downloadSrc };
};

/**
 * What a hidden column billed, as it was when the column ended: a column stopped from outside (cancelled, or
 * interrupted) takes its call's bill later, if at all, and that bill's timing and figure are the model's.
 * One never sent billed nothing; one sent may have billed every image asked, as today's count has it until then.
 */
const billedAtEnd = (generation: GenerationView): number | null =>
  generation.status === "cancelled" || generation.status === "interrupted" ? (generation.seed === null ? 0 : null) : generation.billedImages;

/**
 * A blind comparison as it leaves the server for a browser before its models are revealed, in the shape of
 * any comparison so the history's card shows it as it shows the rest. Nothing differs from column to column
 * but what the owner must see: each column is given the comparison's own settings (the first of its models
 * by id standing for all, so every column names the same one), no size (its notice of images of another size
 * than asked says so without one), seed, notes, timings, stage, request or task id of its own, and its images
 * (the shape asked of every model, no revised prompt) and outcome only once every column has ended, so the
 * order in which models finish gives none away either.
 * A column cancelled by the owner shows as cancelled at once: that is the owner's doing, not the model's.
 * Anything else (a grid, a batch, a comparison in the open or revealed) is returned as it is.
 */
export const blindView = (comparison: ComparisonView): ComparisonView => {
  if (!isModelComparison(comparison) || !isHidden(comparison)) return comparison;
  const { request } = comparison;
  const settled = comparison.columns.every(({ generation }) => !isActive(generation.status));
  const frame = blindFrame(aspectValue(request.aspect), BLIND_SIDE.full);
  const shared: GenerateRequest = {
    model: request.models.reduce((first, id) => (id < first ? id : first)),
    ...frame,
    prompt: request.prompt,
    negativePrompt: request.negativePrompt,
    // The same for every column: a blind comparison asks each model for the fewest any of them allows.
    n: comparison.columns[0]?.generation.request.n ?? request.perModel,
    seed: comparison.seed,
    promptExtend: request.promptExtend,
    watermark: request.watermark,
  };
  const finishedAt = settled ? Math.max(comparison.createdAt, ...comparison.columns.map(({ generation }) => generation.finishedAt ?? 0)) : null;
  const hide = (generation: GenerationView<GenerateRequest>): GenerationView<GenerateRequest> => {
    const shown = settled || generation.status === "cancelled";
    return {
      kind: "generation",
      id: generation.id,
      comparisonId: generation.comparisonId,
      status: shown ? generation.status : "running",
      createdAt: comparison.createdAt,
      finishedAt: shown ? finishedAt : null,
      request: shared,
      input: null,
      chain: [],
      seed: comparison.seed,
      durationMs: null,
      // Its kind alone: the words, and a Retry-After, are the gateway's for one model.
      error: shown && generation.error ? { code: generation.error.code, message: blindFailure(generation.error.code), retryAfterSeconds: null } : null,
      starred: generation.starred,
      requestId: null,
      taskId: null,
      billedImages: shown ? billedAtEnd(generation) : null,
      notices: shown ? generation.notices.map((notice) => hiddenNotice(comparison, notice)) : [],
      images: shown ? generation.images.map((image) => hiddenImage(image, frame)) : [],
      stage: null,
      typicalMs: null,
      queuedAhead: null,
      timings: null,
      sentAt: null,
    };
  };
  // Together, under the model standing for all (which models were retried would tell), and each at every image
  // asked: a late bill's word on one tells when and how that model's call ended. The reveal shows the bills.
  const attempts = (comparison.earlierAttempts ?? []).reduce((sum, earlier) => sum + earlier.attempts, 0);
  return {
    ...comparison,
    columns: comparison.columns.map(({ generation }) => ({ generation: hide(generation), notes: [] })),
    ...(attempts > 0 && { earlierAttempts: [{ model: shared.model, images: attempts * shared.n, attempts }] }),
  };
};
