import type { ModelSpec } from "../models/registry";
import { SEED_MAX } from "../models/registry";
import { checkSize, parseSize } from "../models/size-rules";
import type { WireRequest } from "./parse-body";

/** A request the simulated upstream will run, with the upstream's defaults filled in. */
export type GenerationParams = {
  readonly model: ModelSpec;
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly width: number;
  readonly height: number;
  readonly n: number;
  readonly seed: number;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

type Validation = { readonly ok: true; readonly params: GenerationParams } | { readonly ok: false; readonly message: string };

// The upstream insists on the asterisk even though people (and parseSize, for form input) also write "x".
const WIRE_SIZE = /^\d{1,5}\*\d{1,5}$/;

const randomSeed = (): number => Math.floor(Math.random() * (SEED_MAX + 1));

/** The model's real limits, checked with the registry's own rules so the simulator and the form never drift. */
export const validateRequest = (wire: WireRequest, model: ModelSpec): Validation => {
  if (wire.prompt.length > model.promptMaxLength) {
    return {
      ok: false,
      message: `The prompt has ${wire.prompt.length} characters; ${model.id} accepts at most ${model.promptMaxLength}.`,
    };
  }

  const sizeText = wire.size ?? `${model.defaultSize.width}*${model.defaultSize.height}`;
  const size = WIRE_SIZE.test(sizeText) ? parseSize(sizeText) : null;
  if (!size) return { ok: false, message: `size "${sizeText}" must be written W*H with an asterisk, e.g. 1280*1280.` };
  const sizeCheck = checkSize(model.id, model.sizeRule, model.presets, size);
  if (!sizeCheck.ok) return { ok: false, message: `size ${sizeText} is not supported: ${sizeCheck.reason}` };

  const n = wire.n ?? model.n.upstreamDefault;
  if (!Number.isInteger(n) || n < model.n.min || n > model.n.max) {
    return { ok: false, message: `n must be a whole number from ${model.n.min} to ${model.n.max} for ${model.id}; got ${n}.` };
  }

  const seed = wire.seed ?? randomSeed();
  if (!Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
    return { ok: false, message: `seed must be a whole number from 0 to ${SEED_MAX}; got ${seed}.` };
  }

  return {
    ok: true,
    params: {
      model,
      prompt: wire.prompt,
      // Longer text is cut rather than refused, as the upstream does; the form is what warns the person.
      negativePrompt: (wire.negative_prompt ?? "").slice(0, model.negativePromptMaxLength),
      width: size.width,
      height: size.height,
      n,
      seed,
      promptExtend: wire.prompt_extend ?? true,
      watermark: wire.watermark ?? false,
    },
  };
};
