import { SEED_MAX, type ModelOption } from "../models/registry";
import { checkSize, parseSize, type Size, type SizePreset, type SizeRule } from "../models/size-rules";
import { charCount, cutText } from "../text/well-formed";
import type { WireRequest } from "./parse-body";

/** What generation and editing check alike, from a model's table entry in either registry. */
type Limits = {
  readonly id: string;
  readonly promptMaxLength: number;
  readonly negativePromptMaxLength: number;
  readonly n: { readonly min: number; readonly max: number; readonly upstreamDefault: number };
  readonly options: Readonly<Record<ModelOption, boolean>>;
};

/** The request's settings with the upstream's defaults filled in. */
export type SharedParams = {
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly n: number;
  readonly seed: number;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

export type Checked<T> = { readonly ok: true; readonly params: T } | { readonly ok: false; readonly message: string };

// The upstream insists on the asterisk even though people (and parseSize, for form input) also write "x".
const WIRE_SIZE = /^\d{1,5}\*\d{1,5}$/;

const wholeIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;

/** A size as the wire writes it, checked with the registry's own rule so the simulator and the form never drift. */
export const checkWireSize = (text: string, model: { readonly id: string }, rule: SizeRule, presets: readonly SizePreset[]): Checked<Size> => {
  const size = WIRE_SIZE.test(text) ? parseSize(text) : null;
  if (!size) return { ok: false, message: `size "${text}" must be written W*H with an asterisk, e.g. 1024*1536.` };
  const check = checkSize(model.id, rule, presets, size);
  return check.ok ? { ok: true, params: size } : { ok: false, message: `size ${text} is not supported: ${check.reason}` };
};

/** The prompt's length, n and the seed; `promptName` is what the refusal calls the text ("prompt", "instruction"). */
export const checkShared = (wire: WireRequest, model: Limits, promptName: string): Checked<SharedParams> => {
  const promptCount = charCount(wire.prompt);
  if (promptCount > model.promptMaxLength) {
    return { ok: false, message: `The ${promptName} has ${promptCount} characters; ${model.id} accepts at most ${model.promptMaxLength}.` };
  }
  const n = wire.n ?? model.n.upstreamDefault;
  if (!wholeIn(n, model.n.min, model.n.max)) {
    const range = model.n.min === model.n.max ? `exactly ${model.n.min}` : `a whole number from ${model.n.min} to ${model.n.max}`;
    return { ok: false, message: `n must be ${range} for ${model.id}; got ${n}.` };
  }
  const seed = wire.seed ?? Math.floor(Math.random() * (SEED_MAX + 1));
  if (!wholeIn(seed, 0, SEED_MAX)) return { ok: false, message: `seed must be a whole number from 0 to ${SEED_MAX}; got ${seed}.` };
  return {
    ok: true,
    params: {
      prompt: wire.prompt,
      // Longer text is cut rather than refused, as the upstream does; the form is what warns the person.
      negativePrompt: cutText(wire.negative_prompt ?? "", model.negativePromptMaxLength),
      n,
      seed,
      // A model without rewriting ignores prompt_extend upstream rather than refusing it.
      promptExtend: model.options.promptExtend && wire.prompt_extend !== false,
      watermark: wire.watermark ?? false,
    },
  };
};
