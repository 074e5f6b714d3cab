import type { AppError } from "../errors";
import { notUnderstood, type ImageAnswer } from "./answer";
import { isModerationCode, mapUpstreamError, type UpstreamFailure } from "./upstream-errors";
import { ALL_MODELS } from "../models/all-models";

/**
 * What an answer gave against what was asked: the images it bills, and one sentence per way it fell short
 * (or went over), kept on the generation so the user sees what did not come. Pure.
 */

/** The images the gateway bills for an answer: its own count where it gives one, else every item it made. */
export const billedImages = (answer: ImageAnswer): number => answer.imageCount ?? answer.images.length + answer.unusable;

const count = (values: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

/**
 * The most images one answer has kept: as many as any model makes in one request. An answer past it (a
 * gateway's fault, or a hostile relay's) would have the server fetch and store every image it lists, thousands
 * of downloads at once from one answer a few megabytes long.
 */
export const KEPT_PER_ANSWER = Math.max(...ALL_MODELS.map((model) => model.n.max));

/** The images of an answer that are kept: every one, up to what was asked or, when more came, `KEPT_PER_ANSWER`. */
export const imagesToKeep = <Image>(asked: number, images: readonly Image[]): readonly Image[] => images.slice(0, Math.max(asked, KEPT_PER_ANSWER));

/**
 * What the answer itself fell short of (or went over). Written before its images are fetched, these sentences
 * say nothing of keeping them: `lostNotices` says what could not be kept, once that is known.
 */
export const answerNotices = (asked: number, answer: ImageAnswer): string[] => {
  const got = answer.images.length;
  const taken = imagesToKeep(asked, answer.images).length;
  const notices: string[] = [];
  if (got < asked) notices.push(`The gateway returned ${got} of the ${asked} images asked for.`);
  if (got > asked && taken === got) notices.push(`The gateway returned ${got} images, more than the ${asked} asked for; all are counted.`);
  if (taken < got) notices.push(`The gateway returned ${got} images, more than the ${asked} asked for; the first ${taken} are taken, and all are counted.`);
  const refused = answer.failed.filter(isModerationCode).length;
  if (refused > 0) notices.push(`Content moderation refused ${refused} of them.`);
  const failed = answer.failed.filter((code) => !isModerationCode(code));
  if (failed.length > 0) {
    const codes = [...count(failed)].map(([code, times]) => `${code || "no code"}${times > 1 ? ` ×${times}` : ""}`).join(", ");
    notices.push(`${failed.length} failed at the gateway (${codes}).`);
  }
  if (answer.unusable > 0) notices.push(`${answer.unusable} came with a link or data that cannot be read and could not be kept.`);
  if (answer.stoppedEarly.length > 0) notices.push(`The model stopped early (finish reason: ${[...new Set(answer.stoppedEarly)].join(", ")}).`);
  return notices;
};

/**
 * What could not be kept of the images taken from an answer (a dead link, data that is not an image): how
 * many, said as billed, since the gateway bills every image it returned; then each distinct reason once.
 */
export const lostNotices = (taken: number, lost: readonly AppError[]): string[] => {
  if (lost.length === 0) return [];
  const reasons = [...new Set(lost.map((error) => error.message))];
  return [`${lost.length} of the ${taken} images could not be kept; they are billed all the same.`, ...reasons];
};

/**
 * An answer without a single image to keep fails the generation: with the upstream's own refusal where it
 * named one (content moderation, say), otherwise as an answer that held nothing usable.
 */
export const emptyAnswerError = (answer: ImageAnswer, call: Pick<UpstreamFailure, "model" | "task">): AppError => {
  const code = answer.failed.find(Boolean);
  if (code) {
    return mapUpstreamError({ status: 500, retryAfter: null, body: JSON.stringify({ code }), ...call, requestId: answer.requestId, taskId: answer.taskId });
  }
  const detail = answer.stoppedEarly.length > 0 ? "the model stopped early" : "no usable image";
  return notUnderstood(detail, answer.requestId, answer.taskId);
};
