import { getEditModel } from "../models/edit-models";
import { checkSize, formatSize, type Size } from "../models/size-rules";
import { requestSize } from "./request-size";
import type { EditRequest } from "../edit/edit-request";
import { isEditRequest, type GenerationRequest } from "./view";

/**
 * Images that came out at a size their request could not have produced, said in a sentence kept on the
 * generation beside what else its answer fell short of. Not an exact comparison, which would cry wolf: a model
 * may round the sides it is asked for, and an edit following its input comes out at a size the model picks.
 * Pure.
 */

/** Rounding the sides of a size it is asked for (to multiples of 16 at 512 px and up) moves the shape by about 3% at most, and the pixels by about 6%. */
const ASPECT_SLACK = 0.05;
const PIXEL_SLACK = 0.1;
/** Following its input, the model picks the scale ("about" a megapixel, by a rounding it does not publish). */
const FOLLOWING_PIXEL_FACTOR = 2;

const off = (got: number, expected: number): number => Math.abs(got / expected - 1);
const aspect = ({ width, height }: Size): number => width / height;
const pixels = ({ width, height }: Size): number => width * height;
const following = (request: GenerationRequest): request is EditRequest => isEditRequest(request) && request.size === null;

/**
 * Whether `got` is another size than the request could produce: a shape more than 5% off the size asked (or
 * the one following the input gives), or pixels more than 10% off it; following the input, less than half or
 * more than double its pixels, or past the model's side limits.
 */
export const isUnaskedSize = (request: GenerationRequest, got: Size): boolean => {
  const expected = requestSize(request);
  if (off(aspect(got), aspect(expected)) > ASPECT_SLACK) return true;
  if (!following(request)) return off(pixels(got), pixels(expected)) > PIXEL_SLACK;
  const scale = pixels(got) / pixels(expected);
  if (scale > FOLLOWING_PIXEL_FACTOR || scale < 1 / FOLLOWING_PIXEL_FACTOR) return true;
  // A preset list is what a model may be asked for, not what it picks; side limits hold whatever it picks.
  const limits = getEditModel(request.model).size;
  return limits !== null && limits.rule.kind !== "presets" && !checkSize(request.model, limits.rule, limits.presets, got).ok;
};

const SIZE = String.raw`\d+\*\d+`;
const NOTICE = new RegExp(
  String.raw`^(?:\d+ of the \d+ images kept are|The gateway's (?:image is|images are)) ${SIZE}(?:, ${SIZE})*, (?:not the ${SIZE} asked for|where following the input gives about ${SIZE})\.$`,
);

/**
 * Whether a kept notice is one unaskedSizeNotices wrote: a record keeps its notices as sentences, and a blind
 * comparison says this one without its sizes until the reveal (each model is asked for its own size).
 */
export const isUnaskedSizeNotice = (notice: string): boolean => NOTICE.test(notice);

/** The sentence saying which of the kept images are of another size than asked, and what was asked; none when all fit. */
export const unaskedSizeNotices = (request: GenerationRequest, images: readonly Size[]): string[] => {
  const unasked = images.filter((image) => isUnaskedSize(request, image));
  if (unasked.length === 0) return [];
  const sizes = [...new Set(unasked.map(formatSize))].join(", ");
  const which =
    unasked.length < images.length ? `${unasked.length} of the ${images.length} images kept are` : images.length === 1 ? "The gateway's image is" : "The gateway's images are";
  const expected = formatSize(requestSize(request));
  return [following(request) ? `${which} ${sizes}, where following the input gives about ${expected}.` : `${which} ${sizes}, not the ${expected} asked for.`];
};
