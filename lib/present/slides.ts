import { columnLabel } from "../compare/column-label";
import type { HistoryItem, ImageView } from "../generation/view";
import { findModel } from "../models/registry";

/** What a presentation shows: one image per slide, or one comparison per slide with a panel per model. */

export type SlidePanel = {
  readonly label: string;
  readonly image: ImageView | null;
  readonly revisedPrompt: string;
  /** Why a comparison column has no image. */
  readonly missing: string | null;
};

export type Slide = { readonly key: string; readonly prompt: string; readonly panels: readonly SlidePanel[] };

export const buildSlides = (items: readonly HistoryItem[]): Slide[] =>
  items.flatMap((item): Slide[] => {
    if (item.kind === "generation") {
      const label = findModel(item.request.model)?.name ?? item.request.model;
      return item.images.map((image) => ({
        key: image.id,
        prompt: item.request.prompt,
        panels: [{ label, image, revisedPrompt: image.revisedPrompt, missing: null }],
      }));
    }
    return [
      {
        key: item.id,
        prompt: item.request.prompt,
        panels: item.columns.map(({ generation }, index) => {
          const image = generation.images[0] ?? null;
          const missing =
            image !== null ? null : generation.status === "running" ? "Still generating." : (generation.error?.message ?? `No image (${generation.status}).`);
          return { label: columnLabel(item, index), image, revisedPrompt: image?.revisedPrompt ?? "", missing };
        }),
      },
    ];
  });

/** The full-size images a slide shows, for preloading before it is reached. */
export const slideSources = (slide: Slide | undefined): string[] =>
  slide ? slide.panels.flatMap((panel) => (panel.image ? [panel.image.src] : [])) : [];
