import { publicItem, type PublicItem } from "../compare/hidden-comparison";
import type { GenerationView } from "../generation/view";
import type { ShareView } from "../store/types";

/** A share as its page receives it: unrevealed blind comparisons hidden, so the page's payload names no model. */
export type PublicShare = Omit<ShareView, "items"> & { readonly items: readonly PublicItem[] };

/**
 * A generation as a share shows it: without the earlier steps of its edit chain or the result its input was
 * taken from, which the page never shows and the link's owner did not choose (a step deleted since keeps its
 * prompt there).
 */
const shownGeneration = (generation: GenerationView): GenerationView => ({ ...generation, chain: [], input: generation.input && { ...generation.input, from: null } });

export const toPublicShare = (share: ShareView): PublicShare => ({
  ...share,
  // A comparison's columns are made from text: no input, no chain.
  items: share.items.map((item) => (item.kind === "generation" ? shownGeneration(item) : publicItem(item))),
});
