import type { SizePreset, SizeRule } from "./size-rules";

/**
 * Every model the gateway serves, with its real limits from Alibaba Cloud Model Studio (stricter than the
 * gateway page in places; see shared/reference/upstream-api.md). Everything else (the request schema, the
 * form's options, the simulator's checks) is derived from this table, so adding a model is one entry.
 */

export type ModelFamily = "wan" | "qwen";

export const FAMILY_LABELS: Record<ModelFamily, string> = {
  wan: "Wan (Tongyi Wanxiang)",
  qwen: "Qwen-Image",
};

/**
 * What each family's watermark reads in the image's corner (the gateway's contract), shown as drawn in every
 * language, beside the family's short name.
 */
export const FAMILY_MARKS: Record<ModelFamily, { readonly family: string; readonly mark: string }> = {
  wan: { family: "Wan", mark: "AI generated" },
  qwen: { family: "Qwen", mark: "Qwen-Image" },
};

export type ModelOption = "negativePrompt" | "promptExtend" | "watermark" | "seed";

export type ModelSpec = {
  readonly id: string;
  readonly family: ModelFamily;
  readonly name: string;
  readonly summary: string;
  readonly recommended: boolean;
  readonly sizeRule: SizeRule;
  readonly defaultSize: SizePreset;
  /** Suggested sizes; for a "presets" rule they are the only sizes allowed. */
  readonly presets: readonly SizePreset[];
  readonly n: {
    readonly min: number;
    readonly max: number;
    /** What the upstream uses when n is left out. */
    readonly upstreamDefault: number;
    /** What the form starts at: every image is billed, so experiments start at one. */
    readonly default: number;
  };
  readonly promptMaxLength: number;
  readonly negativePromptMaxLength: number;
  readonly options: Readonly<Record<ModelOption, boolean>>;
  /** Where these limits come from. */
  readonly source: string;
  /** What an image costs, in US dollars, and where the figure comes from: an estimate, overridable (IMAGE_PRICES). */
  readonly price: ModelPrice;
};

export type ModelPrice = { readonly usdPerImage: number; readonly source: string };

const INTERNATIONAL = "Model Studio's international (Singapore) price list";
const BEIJING = "Model Studio's Beijing price list, converted at about 7.1 yuan to the dollar";
const ESTIMATE = "no first-hand published figure found here; an estimate from its tier";

const ALL_OPTIONS = { negativePrompt: true, promptExtend: true, watermark: true, seed: true } as const;

const WAN_BUDGET = {
  kind: "pixel-budget",
  minPixels: 1280 * 1280,
  maxPixels: 1440 * 1440,
  minAspect: 1 / 4,
  maxAspect: 4,
} as const satisfies SizeRule;

const WAN_BUDGET_PRESETS = [
  { width: 1280, height: 1280, label: "Square" },
  { width: 1536, height: 1152, label: "Landscape" },
  { width: 1152, height: 1536, label: "Portrait" },
  { width: 1792, height: 1008, label: "Widescreen" },
  { width: 1008, height: 1792, label: "Phone" },
  { width: 1440, height: 1440, label: "Square, largest" },
  { width: 768, height: 2700, label: "Scroll (the documented example)" },
] as const satisfies readonly SizePreset[];

const WAN_SIDES = { kind: "side-range", min: 512, max: 1440 } as const satisfies SizeRule;

const WAN_SIDE_PRESETS = [
  { width: 1024, height: 1024, label: "Square" },
  { width: 1152, height: 864, label: "Landscape" },
  { width: 864, height: 1152, label: "Portrait" },
  { width: 1280, height: 720, label: "Widescreen" },
  { width: 720, height: 1280, label: "Phone" },
  { width: 1440, height: 1440, label: "Square, largest" },
] as const satisfies readonly SizePreset[];

const QWEN_PRESETS = [
  { width: 1664, height: 928, label: "Widescreen" },
  { width: 1472, height: 1104, label: "Landscape" },
  { width: 1328, height: 1328, label: "Square" },
  { width: 1104, height: 1472, label: "Portrait" },
  { width: 928, height: 1664, label: "Phone" },
] as const satisfies readonly SizePreset[];

const WAN_N = { min: 1, max: 4, upstreamDefault: 4, default: 1 } as const;
const QWEN_SINGLE_N = { min: 1, max: 1, upstreamDefault: 1, default: 1 } as const;

const WAN26_SOURCE =
  "Model Studio, Wan text-to-image V2 API reference: size total pixels 1280*1280..1440*1440, aspect 1:4..4:1; n 1-4 (default 4); prompt up to 2100 characters; negative_prompt up to 500.";
const WAN25_SOURCE =
  "Model Studio, Wan text-to-image V2 API reference: wan2.5 follows the wan2.6 size rule (e.g. 768*2700); n 1-4 (default 4); prompt up to 2000 characters; negative_prompt up to 500.";
const WAN_LEGACY_SOURCE =
  "Model Studio, Wan text-to-image V2 API reference: width and height each 512..1440; n 1-4 (default 4); prompt up to 800 characters; negative_prompt up to 500.";
const QWEN_SOURCE =
  "Model Studio, Qwen-Image API reference: only the sizes 1664*928, 1472*1104, 1328*1328, 1104*1472, 928*1664 (default 1664*928); n fixed at 1; prompt up to 800 characters; negative_prompt up to 500. The gateway page's 1-4 does not hold.";

/** What each group of models shares; an entry adds its id, name, summary and anything it does differently. */
const WAN_BUDGET_MODEL = {
  family: "wan",
  sizeRule: WAN_BUDGET,
  defaultSize: WAN_BUDGET_PRESETS[0],
  presets: WAN_BUDGET_PRESETS,
  n: WAN_N,
  negativePromptMaxLength: 500,
  options: ALL_OPTIONS,
} as const;

const WAN_SIDES_MODEL = {
  family: "wan",
  recommended: false,
  sizeRule: WAN_SIDES,
  defaultSize: WAN_SIDE_PRESETS[0],
  presets: WAN_SIDE_PRESETS,
  n: WAN_N,
  promptMaxLength: 800,
  negativePromptMaxLength: 500,
  options: ALL_OPTIONS,
  source: WAN_LEGACY_SOURCE,
} as const;

const QWEN_PRESET_MODEL = {
  family: "qwen",
  recommended: false,
  sizeRule: { kind: "presets" },
  defaultSize: QWEN_PRESETS[0],
  presets: QWEN_PRESETS,
  n: QWEN_SINGLE_N,
  promptMaxLength: 800,
  negativePromptMaxLength: 500,
  options: ALL_OPTIONS,
  source: QWEN_SOURCE,
} as const;

export const MODELS = [
  {
    ...WAN_BUDGET_MODEL,
    id: "wan2.6-t2i", price: { usdPerImage: 0.03, source: `${INTERNATIONAL} as resold ($0.03), ${ESTIMATE}` },
    name: "Wan 2.6",
    summary: "Newest Wan: flexible sizes within a pixel budget, strong detail and composition.",
    recommended: true,
    promptMaxLength: 2100,
    source: WAN26_SOURCE,
  },
  {
    ...WAN_BUDGET_MODEL,
    id: "wan2.5-t2i-preview", price: { usdPerImage: 0.03, source: `as wan2.6-t2i; ${ESTIMATE}` },
    name: "Wan 2.5 preview",
    summary: "Wan 2.5 preview: same flexible sizing as 2.6, e.g. tall 768*2700 scrolls.",
    recommended: true,
    promptMaxLength: 2000,
    source: WAN25_SOURCE,
  },
  { ...WAN_SIDES_MODEL, id: "wan2.2-t2i-flash", price: { usdPerImage: 0.02, source: `${ESTIMATE} (the fast tier, below Wan 2.1 turbo)` }, name: "Wan 2.2 flash", summary: "About 50% faster than Wan 2.1; good for quick iterations." },
  { ...WAN_SIDES_MODEL, id: "wan2.2-t2i-plus", price: { usdPerImage: 0.05, source: `${ESTIMATE} (as Wan 2.1 plus)` }, name: "Wan 2.2 plus", summary: "The professional tier of Wan 2.2: more stable, higher success rate than 2.1." },
  { ...WAN_SIDES_MODEL, id: "wanx2.1-t2i-turbo", price: { usdPerImage: 0.025, source: `${INTERNATIONAL}: $0.025 an image (Wan text-to-image V2 API reference; 0.14 yuan in Beijing)` }, name: "Wan 2.1 turbo", summary: "Wan 2.1, tuned for speed." },
  { ...WAN_SIDES_MODEL, id: "wanx2.1-t2i-plus", price: { usdPerImage: 0.05, source: `${INTERNATIONAL}: $0.05 an image (Wan text-to-image V2 API reference; 0.20 yuan in Beijing)` }, name: "Wan 2.1 plus", summary: "Wan 2.1, tuned for detail." },
  { ...WAN_SIDES_MODEL, id: "wanx2.0-t2i-turbo", price: { usdPerImage: 0.04, source: `${ESTIMATE}` }, name: "Wan 2.0 turbo", summary: "The earliest Wan still served; fast and inexpensive." },
  {
    id: "qwen-image-2.0-pro", price: { usdPerImage: 0.07, source: `${BEIJING}: 0.50 yuan an image` },
    family: "qwen",
    name: "Qwen-Image 2.0 Pro",
    summary: "Qwen's pro line: best text rendering and realism, free sizes up to 2048 px, 1-6 images.",
    recommended: true,
    sizeRule: { kind: "side-range", min: 512, max: 2048 },
    defaultSize: { width: 2048, height: 2048, label: "Square, largest" },
    presets: [
      { width: 2048, height: 2048, label: "Square, largest" },
      { width: 1024, height: 1024, label: "Square" },
      { width: 2048, height: 1536, label: "Landscape" },
      { width: 1536, height: 2048, label: "Portrait" },
      { width: 2048, height: 1152, label: "Widescreen" },
      { width: 1152, height: 2048, label: "Phone" },
    ],
    n: { min: 1, max: 6, upstreamDefault: 1, default: 1 },
    promptMaxLength: 800,
    negativePromptMaxLength: 500,
    options: ALL_OPTIONS,
    source:
      "Model Studio, Qwen-Image 2.0 API reference and the gateway page: width and height each 512..2048, default 2048*2048 (the gateway page's 2028*2048 is a typo); n 1-6; prompt up to 800 characters; negative_prompt up to 500.",
  },
  {
    ...QWEN_PRESET_MODEL,
    id: "qwen-image-plus-2026-01-09", price: { usdPerImage: 0.03, source: `${BEIJING}: 0.20 yuan an image (as qwen-image-plus)` },
    name: "Qwen-Image Plus (2026-01-09)",
    summary: "Dated Qwen-Image Plus snapshot: diverse styles and text rendering, reproducible behaviour.",
  },
  {
    ...QWEN_PRESET_MODEL,
    id: "qwen-image-max", price: { usdPerImage: 0.07, source: `${BEIJING}: 0.50 yuan an image` },
    name: "Qwen-Image Max",
    summary: "Qwen-Image at its most capable: rich detail, Chinese aesthetics, crisp lettering.",
  },
  {
    ...QWEN_PRESET_MODEL,
    id: "qwen-image-plus", price: { usdPerImage: 0.03, source: `${BEIJING}: 0.20 yuan an image` },
    name: "Qwen-Image Plus",
    summary: "Good at diverse styles and text rendering; Chinese idioms and couplets.",
  },
  {
    ...QWEN_PRESET_MODEL,
    id: "qwen-image", price: { usdPerImage: 0.035, source: `${ESTIMATE} (the first Qwen-Image, between plus and max)` },
    name: "Qwen-Image",
    summary: "The original Qwen-Image: strong text rendering and Chinese-style scenes.",
  },
] as const satisfies readonly ModelSpec[];

export type ModelId = (typeof MODELS)[number]["id"];

export const MODEL_IDS = MODELS.map((model) => model.id) as [ModelId, ...ModelId[]];

export const DEFAULT_MODEL_ID: ModelId = "wan2.6-t2i";

const BY_ID = new Map<string, ModelSpec>(MODELS.map((model) => [model.id, model]));

export const getModel = (id: ModelId): ModelSpec => {
  const model = BY_ID.get(id);
  if (!model) throw new Error(`Unknown model ${id}`);
  return model;
};

export const findModel = (id: string): ModelSpec | undefined => BY_ID.get(id);

type FamilyGroup<Model> = { family: ModelFamily; label: string; models: readonly Model[] };

/** Models grouped by family, in the table's order. */
export const groupByFamily = <Model extends { readonly family: ModelFamily }>(models: readonly Model[]): ReadonlyArray<FamilyGroup<Model>> =>
  (Object.keys(FAMILY_LABELS) as ModelFamily[]).map((family) => ({
    family,
    label: FAMILY_LABELS[family],
    models: models.filter((model) => model.family === family),
  }));

export const modelsByFamily = (): ReadonlyArray<FamilyGroup<ModelSpec>> => groupByFamily<ModelSpec>(MODELS);

/** Whether the model accepts sizes beyond its presets (the form then offers a custom width and height). */
export const allowsCustomSize = (model: Pick<ModelSpec, "sizeRule">): boolean => model.sizeRule.kind !== "presets";

export const SEED_MAX = 2_147_483_647;
