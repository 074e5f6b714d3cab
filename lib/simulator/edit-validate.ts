import type { EditModelSpec } from "../models/edit-models";
import { SEED_MAX } from "../models/registry";
import { checkSize, parseSize, type Size } from "../models/size-rules";
import type { EditWireRequest } from "./edit-body";

/** An edit the simulated upstream will run, with its defaults filled in; the input image is checked apart. */
export type EditParams = {
  readonly model: EditModelSpec;
  readonly prompt: string;
  readonly negativePrompt: string;
  /** Null: the output follows the input image's aspect ratio. */
  readonly size: Size | null;
  readonly n: number;
  readonly seed: number;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

type Validation = { readonly ok: true; readonly params: EditParams } | { readonly ok: false; readonly message: string };

const ASTERISK_SIZE = /^\d{1,5}\*\d{1,5}$/;

const wholeIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;

const readSize = (text: string | undefined, model: EditModelSpec): { size: Size | null } | { problem: string } => {
  if (text === undefined) return { size: null };
  if (!model.size) return { problem: `${model.id} takes no size: its output follows the input image. Leave size out.` };
  const size = ASTERISK_SIZE.test(text) ? parseSize(text) : null;
  if (!size) return { problem: `size "${text}" must be written W*H with an asterisk, e.g. 1024*1536.` };
  const check = checkSize(model.id, model.size.rule, model.size.presets, size);
  return check.ok ? { size } : { problem: `size ${text} is not supported: ${check.reason}` };
};

/** The editing model's limits from its table entry, so the simulator and the edit form never drift. */
export const validateEdit = (wire: EditWireRequest, model: EditModelSpec): Validation => {
  const fail = (message: string): Validation => ({ ok: false, message });
  if (wire.prompt.length > model.promptMaxLength) {
    return fail(`The instruction has ${wire.prompt.length} characters; ${model.id} accepts at most ${model.promptMaxLength}.`);
  }
  const size = readSize(wire.size, model);
  if ("problem" in size) return fail(size.problem);
  const n = wire.n ?? model.n.upstreamDefault;
  if (!wholeIn(n, model.n.min, model.n.max)) {
    const range = model.n.min === model.n.max ? `exactly ${model.n.min}` : `a whole number from ${model.n.min} to ${model.n.max}`;
    return fail(`n must be ${range} for ${model.id}; got ${n}.`);
  }
  const seed = wire.seed ?? Math.floor(Math.random() * (SEED_MAX + 1));
  if (!wholeIn(seed, 0, SEED_MAX)) return fail(`seed must be a whole number from 0 to ${SEED_MAX}; got ${seed}.`);
  return {
    ok: true,
    params: {
      model,
      prompt: wire.prompt,
      // Cut rather than refused, as in generation: the upstream truncates and the form is what warns the person.
      negativePrompt: (wire.negative_prompt ?? "").slice(0, model.negativePromptMaxLength),
      size: size.size,
      n,
      seed,
      // A model without rewriting ignores prompt_extend upstream rather than refusing it.
      promptExtend: model.options.promptExtend && wire.prompt_extend !== false,
      watermark: wire.watermark ?? false,
    },
  };
};
