import type { ModelFamily, ModelOption, ModelPrice } from "./registry";
import type { SizePreset, SizeRule } from "./size-rules";

/**
 * Every model the gateway's editing endpoint (`POST /v1/images/edits`) serves, with its real limits. Like the
 * text-to-image table in registry.ts, everything about editing (the edit schema, the form's options, the
 * simulator's checks, the server's input check) is derived from here, so adding an editing model is one entry.
 * A model that also generates (qwen-image-2.0-pro) has an entry in each table, because its limits differ.
 */

/** What an input image must be. The same for every editing model today, but each entry carries its own. */
export type EditInputRule = {
  readonly maxBytes: number;
  readonly minSide: number;
  readonly maxSide: number;
};

export type EditModelSpec = {
  readonly id: string;
  readonly family: ModelFamily;
  readonly name: string;
  readonly summary: string;
  readonly recommended: boolean;
  /**
   * The output sizes the model may be asked for, or null when it takes no size at all. Without a size the
   * output keeps the input's aspect ratio at about `followInputPixels`, each side within the size rule's range
   * (a panorama longer than the range allows comes out at the longest shape it does).
   */
  readonly size: { readonly rule: SizeRule; readonly presets: readonly SizePreset[] } | null;
  readonly followInputPixels: number;
  readonly n: { readonly min: number; readonly max: number; readonly upstreamDefault: number; readonly default: number };
  readonly promptMaxLength: number;
  readonly negativePromptMaxLength: number;
  readonly options: Readonly<Record<ModelOption, boolean>>;
  readonly input: EditInputRule;
  /** Where these limits come from. */
  readonly source: string;
  /** What an edited image costs, in US dollars: an estimate, overridable (IMAGE_PRICES). */
  readonly price: ModelPrice;
};

const INPUT = { maxBytes: 10 * 1024 * 1024, minSide: 384, maxSide: 3072 } as const satisfies EditInputRule;

const INPUT_SOURCE =
  "Input image: PNG, JPEG or WebP (the upstream also reads BMP, TIFF and GIF; the playground keeps to the three browsers show), each side 384..3072 px, at most 10 MB (Model Studio, Qwen-Image-Edit API reference; the gateway page: up to 10 MB).";

const EDIT_SIZES = {
  rule: { kind: "side-range", min: 512, max: 2048 },
  presets: [
    { width: 1024, height: 1024, label: "Square" },
    { width: 2048, height: 2048, label: "Square, largest" },
    { width: 1536, height: 1024, label: "Landscape" },
    { width: 1024, height: 1536, label: "Portrait" },
    { width: 1664, height: 928, label: "Widescreen" },
    { width: 928, height: 1664, label: "Phone" },
  ],
} as const satisfies EditModelSpec["size"];

const ABOUT_ONE_MEGAPIXEL = 1024 * 1024;

export const EDIT_MODELS = [
  {
    id: "qwen-image-2.0-pro",
    price: { usdPerImage: 0.07, source: "Model Studio's Beijing price list (0.50 yuan an image), converted at about 7.1 yuan to the dollar" },
    family: "qwen",
    name: "Qwen-Image 2.0 Pro",
    summary: "Qwen's pro line edits too: strongest text rendering and realism, 1-6 images up to 2048 px.",
    recommended: true,
    size: EDIT_SIZES,
    followInputPixels: ABOUT_ONE_MEGAPIXEL,
    n: { min: 1, max: 6, upstreamDefault: 1, default: 1 },
    promptMaxLength: 800,
    negativePromptMaxLength: 500,
    options: { negativePrompt: true, promptExtend: true, watermark: true, seed: true },
    input: INPUT,
    source: `The gateway page lists qwen-image-2.0-pro as a generation and editing model; Model Studio, Qwen-Image 2.0 API reference: width and height each 512..2048, an edit without a size keeps the input's aspect ratio; n 1-6; prompt up to 800 characters; negative_prompt up to 500. ${INPUT_SOURCE}`,
  },
  {
    id: "qwen-image-edit-plus",
    price: { usdPerImage: 0.03, source: "Model Studio's Beijing price list (0.20 yuan an image, as qwen-image-plus), converted at about 7.1 yuan to the dollar" },
    family: "qwen",
    name: "Qwen-Image Edit Plus",
    summary: "Precise edits of objects, text and style; 1-6 variations, any size from 512 to 2048 px.",
    recommended: false,
    size: EDIT_SIZES,
    followInputPixels: ABOUT_ONE_MEGAPIXEL,
    n: { min: 1, max: 6, upstreamDefault: 1, default: 1 },
    promptMaxLength: 800,
    negativePromptMaxLength: 500,
    options: { negativePrompt: true, promptExtend: true, watermark: true, seed: true },
    input: INPUT,
    source: `Not on the gateway's own page, which names qwen-image-2.0-pro for editing: offered, not the default. Model Studio, Qwen-Image-Edit API reference: size width and height each 512..2048, left out the output keeps the input's aspect ratio at about 1024*1024; n 1-6; prompt_extend supported (the plus series only); prompt up to 800 characters; negative_prompt up to 500. ${INPUT_SOURCE}`,
  },
  {
    id: "qwen-image-edit",
    price: { usdPerImage: 0.045, source: "no first-hand published figure found here; an estimate between plus and max" },
    family: "qwen",
    name: "Qwen-Image Edit",
    summary: "The first Qwen editing model: one image whose size follows the input, about 1024*1024.",
    recommended: false,
    size: null,
    followInputPixels: ABOUT_ONE_MEGAPIXEL,
    n: { min: 1, max: 1, upstreamDefault: 1, default: 1 },
    promptMaxLength: 800,
    negativePromptMaxLength: 500,
    options: { negativePrompt: true, promptExtend: false, watermark: true, seed: true },
    input: INPUT,
    source: `Model Studio, Qwen-Image-Edit API reference: no size parameter (the output follows the input, about 1024*1024 in total); n fixed at 1; no prompt_extend (the plus series only); prompt up to 800 characters; negative_prompt up to 500. ${INPUT_SOURCE}`,
  },
] as const satisfies readonly EditModelSpec[];

export type EditModelId = (typeof EDIT_MODELS)[number]["id"];

// The one editing model the gateway's own page names.
export const DEFAULT_EDIT_MODEL_ID: EditModelId = "qwen-image-2.0-pro";

const BY_ID = new Map<string, EditModelSpec>(EDIT_MODELS.map((model) => [model.id, model]));

export const getEditModel = (id: EditModelId): EditModelSpec => {
  const model = BY_ID.get(id);
  if (!model) throw new Error(`Unknown editing model ${id}`);
  return model;
};

export const findEditModel = (id: string): EditModelSpec | undefined => BY_ID.get(id);

/** The loosest input rule across the editing models: what an upload must meet to be any use at all. */
export const ANY_EDIT_INPUT: EditInputRule = {
  maxBytes: Math.max(...EDIT_MODELS.map((model) => model.input.maxBytes)),
  minSide: Math.min(...EDIT_MODELS.map((model) => model.input.minSide)),
  maxSide: Math.max(...EDIT_MODELS.map((model) => model.input.maxSide)),
};
