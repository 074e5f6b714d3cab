import { inHiddenComparison } from "../compare/hidden-column";
import { publicItem, type PublicItem } from "../compare/hidden-comparison";
import type { GenerationView } from "../generation/view";
import type { GenerationStore, ShareView } from "../store/types";

/**
 * A share as its page receives it: unrevealed blind comparisons hidden, and an image of one shared alone held
 * back (`held`), so the page's payload names no model.
 */
export type PublicShare = Omit<ShareView, "items"> & { readonly items: readonly PublicItem[]; readonly held: number };

/**
 * A generation as a share shows it: without the earlier steps of its edit chain or the result its input was
 * taken from, which the page never shows and the link's owner did not choose (a step deleted since keeps its
 * prompt there).
 */
const shownGeneration = (generation: GenerationView): GenerationView => ({ ...generation, chain: [], input: generation.input && { ...generation.input, from: null } });

/**
 * The shared generations that are columns of a blind comparison not revealed yet. A link made before such a
 * share was refused (2026-12-04) can hold one; shown alone it would name its model.
 */
export const heldGenerations = async (store: Pick<GenerationStore, "getComparison">, share: ShareView): Promise<ReadonlySet<string>> =>
  new Set((await Promise.all(share.items.map(async (item) => (item.kind === "generation" && (await inHiddenComparison(store, item)) ? [item.id] : [])))).flat());

export const toPublicShare = (share: ShareView, held: ReadonlySet<string>): PublicShare => {
  const shown = share.items.filter((item) => !held.has(item.id));
  return {
    ...share,
    // A comparison's columns are made from text: no input, no chain.
    items: shown.map((item) => (item.kind === "generation" ? shownGeneration(item) : publicItem(item))),
    held: share.items.length - shown.length,
  };
};
