import { publicItem, type PublicItem } from "../compare/hidden-comparison";
import type { ShareView } from "../store/types";

/** A share as its page receives it: unrevealed blind comparisons hidden, so the page's payload names no model. */
export type PublicShare = Omit<ShareView, "items"> & { readonly items: readonly PublicItem[] };

export const toPublicShare = (share: ShareView): PublicShare => ({ ...share, items: share.items.map(publicItem) });
