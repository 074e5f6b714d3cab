import { blindLabel, blindText, columnLabel } from "../compare/column-label";
import type { PublicItem } from "../compare/hidden-comparison";
import { inputOrigin } from "../edit/input-origin";
import { setColumnNames, type SetNameWords } from "../generation/set-names";
import type { ComparisonView, GenerationStatus, GenerationView, ImageView } from "../generation/view";
import { gridTables } from "../grid/grid-layout";
import type { GridRequest } from "../grid/grid-request";
import { axisValueName, planGrid, type AxisType, type ValueWords } from "../grid/grid-plan";
import { isBatch, isGrid } from "../generation/set-kind";
import { format } from "../i18n/format";
import type { Messages } from "../i18n/messages/en";
import { modelName } from "../models/model-name";
import { slideParts } from "./slide-parts";

/** What a presentation shows: one image per slide, or one comparison per slide with a panel per model. */

/** A picture on a slide: a result, or the input an edit started from. */
export type SlideImage = Pick<ImageView, "id" | "width" | "height" | "src">;

export type SlidePanel = {
  readonly label: string;
  readonly image: SlideImage | null;
  readonly revisedPrompt: string;
  /** What it was asked to leave out ("" when nothing, or on a share page's hidden comparison, which does not say). */
  readonly negativePrompt: string;
  /** Why a comparison column has no image. */
  readonly missing: string | null;
  /** On an edit's input (its "before"): where the picture came from ("3000*400, uploaded"), said in place of a revised prompt. */
  readonly origin?: string;
};

/**
 * `badge`: "Edit" on an edit's slides, whose prompt is the instruction and whose first panel is the input
 * (before), beside the result (after), as its card shows them; null otherwise.
 */
export type Slide = { readonly key: string; readonly prompt: string; readonly badge: string | null; readonly panels: readonly SlidePanel[] };

/** The words a slide writes itself, in the interface's language: plain data from the message catalogue. */
export type SlideWords = {
  /** A blind column's label, "Model {letter}". */
  readonly blindModel: string;
  /** "No image {n} from this model." */
  readonly missingImage: string;
  readonly stillGenerating: string;
  /** A column that ended without an image and without an error message, by its status. */
  readonly noImage: Readonly<Record<GenerationStatus, string>>;
  /** A failure's message (the server's English) in the interface's language. */
  readonly errorText: (message: string) => string;
  readonly values: ValueWords;
  /** An edit's words, as its card writes them: its badge, "Before", "After", where its input came from. */
  readonly edit: Messages["edit"]["card"];
} & SetNameWords;

/** Why a column has no image at this position, in the interface's language. */
const missingText = (
  column: { readonly images: readonly ImageView[]; readonly status: GenerationStatus; readonly error: string | null },
  round: number,
  words: SlideWords,
): string =>
  column.images.length > 0
    ? format(words.missingImage, { n: round + 1 })
    : column.status === "running"
      ? words.stillGenerating
      : column.error
        ? words.errorText(column.error)
        : words.noImage[column.status];

/** Axes whose values are written into the prompt itself. */
const PROMPT_AXES: ReadonlySet<AxisType> = new Set(["variables", "replace"]);

/**
 * A grid, a row per slide (and per image position, with several per cell): the row's cells side by side, each
 * named by its value across, the row's own values beside the prompt.
 */
const gridSlides = (grid: ComparisonView<GridRequest>, words: SlideWords): Slide[] => {
  const plan = planGrid(grid.request, grid.seed, words.values);
  const named = (axis: { readonly type: AxisType }, label: string) => axisValueName(words, axis.type, label);
  return gridTables(plan, grid.columns).flatMap((table) =>
    table.rows.flatMap((row) => {
      // A row whose cells share one prompt shows it as sent (its variables filled in, its term replaced);
      // the values that made that prompt then need no naming beside it.
      const prompts = new Set(row.cells.map(({ column }) => column.generation.request.prompt));
      const shared = prompts.size === 1 ? [...prompts][0] : undefined;
      const shown = (axis: { readonly type: AxisType } | null) => axis !== null && !(shared !== undefined && PROMPT_AXES.has(axis.type));
      const where = [row.label !== null && table.y && shown(table.y) ? named(table.y, row.label) : null, table.z && shown(table.z) ? named(table.z, table.z.label) : null]
        .filter(Boolean)
        .join(" · ");
      const prompt = shared ?? grid.request.prompt;
      const rounds = Math.max(1, ...row.cells.map(({ column }) => column.generation.images.length));
      return Array.from({ length: rounds }, (_, round) => {
        const panels = row.cells.map(({ index, column: { generation } }) => {
          const image = generation.images[round] ?? null;
          const column = { ...generation, error: generation.error?.message ?? null };
          return {
            label: named(table.x, table.x.labels[index % table.x.labels.length] ?? ""),
            image,
            revisedPrompt: image?.revisedPrompt ?? "",
            negativePrompt: generation.request.negativePrompt,
            missing: image ? null : missingText(column, round, words),
          };
        });
        // A row wider than a slide holds goes on over several, in order, each panel still named by its value.
        const parts = slideParts(panels);
        return parts.map((part, index) => ({
          key: `${grid.id}:${table.key}:${row.key}:${round}${parts.length > 1 ? `:${index}` : ""}`,
          prompt: where ? `${prompt} — ${where}` : prompt,
          badge: null,
          panels: part,
        }));
      }).flat();
    }),
  );
};

/**
 * A generation, a slide per image under `label` (its model unless said): an edit's with its input beside it,
 * before and after, as its card shows them.
 */
const generationSlides = (generation: GenerationView, words: SlideWords, label = modelName(generation.request.model)): Slide[] => {
  const { request, input } = generation;
  return generation.images.map((image) => {
    const result = { label, image, revisedPrompt: image.revisedPrompt, negativePrompt: request.negativePrompt, missing: null };
    if (!input) return { key: image.id, prompt: request.prompt, badge: null, panels: [result] };
    const before = { label: words.edit.before, image: input, revisedPrompt: "", negativePrompt: request.negativePrompt, missing: null, origin: inputOrigin(input, words.edit) };
    return { key: image.id, prompt: request.prompt, badge: words.edit.badge, panels: [before, { ...result, label: `${words.edit.after} · ${label}` }] };
  });
};

export const buildSlides = (items: readonly PublicItem[], words: SlideWords): Slide[] =>
  items.flatMap((item): Slide[] => {
    if (item.kind === "comparison" && isGrid(item)) return gridSlides(item, words);
    // A batch's rows are generations of their own prompts: each image a slide, as a generation's, named by its
    // line as its card, files and deck name it ("Line 3 · Wan 2.6").
    if (item.kind === "comparison" && isBatch(item)) {
      const lines = setColumnNames(item, words) ?? [];
      return item.columns.flatMap(({ generation }, index) => generationSlides(generation, words, `${lines[index] ?? ""} · ${modelName(generation.request.model)}`));
    }
    if (item.kind === "generation") return generationSlides(item, words);
    // One slide per image position: the first image of every model side by side, then the second...
    const columns =
      item.kind === "comparison"
        ? item.columns.map(({ generation }, index) => ({
            ...generation,
            error: generation.error?.message ?? null,
            label: columnLabel(item, index, words.blindModel),
            negativePrompt: generation.request.negativePrompt,
            blind: (text: string) => blindText(item, text, words.blindModel),
          }))
        : // Hidden on the server already: its failures are said by their kind alone, never the model's words.
          item.columns.map((column, index) => ({ ...column, label: blindLabel(index, words.blindModel), negativePrompt: "", blind: (text: string) => text }));
    const rounds = Math.max(1, ...columns.map((column) => column.images.length));
    return Array.from({ length: rounds }, (_, round) => ({
      key: `${item.id}:${round}`,
      prompt: item.request.prompt,
      badge: null,
      panels: columns.map((column) => {
        const image = column.images[round] ?? null;
        return {
          label: column.label,
          image,
          revisedPrompt: image?.revisedPrompt ?? "",
          negativePrompt: column.negativePrompt,
          missing: image !== null ? null : column.blind(missingText(column, round, words)),
        };
      }),
    }));
  });

/** The full-size images a slide shows, for preloading before it is reached. */
export const slideSources = (slide: Slide | undefined): string[] =>
  slide ? slide.panels.flatMap((panel) => (panel.image ? [panel.image.src] : [])) : [];
