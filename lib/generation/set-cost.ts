import { isHidden } from "../compare/column-label";
import { knownBill } from "./known-bill";
import { isModelComparison } from "./set-kind";
import { isActive, type ComparisonView, type GenerationView } from "./view";

/** The images a generation billed, or will at most while it runs; where no one can tell, every image asked, as today's count has them. */
const billed = (generation: GenerationView): number => (isActive(generation.status) ? generation.request.n : (knownBill(generation) ?? generation.request.n));

/**
 * What a set (comparison, grid, batch) billed, or will at most while a column runs, priced by `costOf`: its
 * columns and the attempts its retries replaced, which today's spend keeps too. Says how many of the images
 * were those earlier attempts', for the card to say where its total comes from.
 */
export const setCost = (set: ComparisonView, costOf: (model: string, images: number) => number): { readonly cost: number; readonly earlierImages: number } => {
  const earlier = set.earlierAttempts ?? [];
  const earlierImages = earlier.reduce((sum, attempt) => sum + attempt.images, 0);
  // Until a blind comparison's reveal no column says its model: its images are priced at its models' mean.
  if (isModelComparison(set) && isHidden(set)) {
    const images = set.columns.reduce((sum, { generation }) => sum + billed(generation), earlierImages);
    return { cost: set.request.models.reduce((sum, model) => sum + costOf(model, images), 0) / set.request.models.length, earlierImages };
  }
  const columns = set.columns.reduce((sum, { generation }) => sum + costOf(generation.request.model, billed(generation)), 0);
  return { cost: earlier.reduce((sum, attempt) => sum + costOf(attempt.model, attempt.images), columns), earlierImages };
};
