import { publicItem, type PublicItem } from "../compare/hidden-comparison";
import type { GenerationView } from "../generation/view";
import type { ShareView } from "../store/types";

/**
 * A share as its page receives it: unrevealed blind comparisons hidden, and a column of one shared alone held
 * back (`held`: a link made before such shares were refused, 2026-12-04, can hold one), so the page's payload
 * names no model.
 */
export type PublicShare = Omit<ShareView, "items"> & { readonly items: readonly PublicItem[]; readonly held: number };

/**
 * A generation as a share shows it: without the earlier steps of its edit chain or the result its input was
 * taken from, which the page never shows and the link's owner did not choose (a step deleted since keeps its
 * prompt there). That its input was a result is kept, so the page does not call it an upload.
 */
const shownGeneration = (generation: GenerationView): GenerationView => ({
  ...generation,
  chain: [],
  input: generation.input && { ...generation.input, from: null, fromHistory: generation.input.from !== null },
});

export const toPublicShare = (share: ShareView, held: ReadonlySet<string>): PublicShare => {
  const shown = share.items.filter((item) => !held.has(item.id));
  return {
    ...share,
    // A comparison's columns are made from text: no input, no chain.
    items: shown.map((item) => (item.kind === "generation" ? shownGeneration(item) : publicItem(item))),
    held: share.items.length - shown.length,
  };
};
