import { blindText, columnLabel } from "../compare/column-label";
import type { GenerationStatus, HistoryItem, ImageView } from "../generation/view";
import { format } from "../i18n/format";
import { modelName } from "../models/model-name";

/** What a presentation shows: one image per slide, or one comparison per slide with a panel per model. */

export type SlidePanel = {
  readonly label: string;
  readonly image: ImageView | null;
  readonly revisedPrompt: string;
  /** Why a comparison column has no image. */
  readonly missing: string | null;
};

export type Slide = { readonly key: string; readonly prompt: string; readonly panels: readonly SlidePanel[] };

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
};

export const buildSlides = (items: readonly HistoryItem[], words: SlideWords): Slide[] =>
  items.flatMap((item): Slide[] => {
    if (item.kind === "generation") {
      const label = modelName(item.request.model);
      return item.images.map((image) => ({
        key: image.id,
        prompt: item.request.prompt,
        panels: [{ label, image, revisedPrompt: image.revisedPrompt, missing: null }],
      }));
    }
    // One slide per image position: the first image of every model side by side, then the second...
    const rounds = Math.max(1, ...item.columns.map(({ generation }) => generation.images.length));
    return Array.from({ length: rounds }, (_, round) => ({
      key: `${item.id}:${round}`,
      prompt: item.request.prompt,
      panels: item.columns.map(({ generation }, index) => {
        const image = generation.images[round] ?? null;
        const missing =
          image !== null
            ? null
            : generation.images.length > 0
              ? format(words.missingImage, { n: round + 1 })
              : generation.status === "running"
                ? words.stillGenerating
                : blindText(item, generation.error ? words.errorText(generation.error.message) : words.noImage[generation.status], words.blindModel);
        return { label: columnLabel(item, index, words.blindModel), image, revisedPrompt: image?.revisedPrompt ?? "", missing };
      }),
    }));
  });

/** The full-size images a slide shows, for preloading before it is reached. */
export const slideSources = (slide: Slide | undefined): string[] =>
  slide ? slide.panels.flatMap((panel) => (panel.image ? [panel.image.src] : [])) : [];
