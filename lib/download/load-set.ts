import { isHidden } from "../compare/column-label";
import { BLIND_DOWNLOAD } from "../compare/hidden-comparison";
import { AppError } from "../errors";
import { isBatch, isGrid } from "../generation/set-kind";
import type { ComparisonView } from "../generation/view";
import { getHistory } from "../history";
import { notFound } from "../http/responses";

/** A set to download whole; a blind comparison not yet revealed is refused, as its single images are. */
export const loadSetForDownload = async (id: string): Promise<ComparisonView> => {
  const set = await (await getHistory()).store.getComparison(id);
  if (!set) throw notFound("This item");
  if (isHidden(set)) throw new AppError("forbidden", BLIND_DOWNLOAD);
  return set;
};

export const setKindName = (set: ComparisonView): "comparison" | "grid" | "batch" => (isBatch(set) ? "batch" : isGrid(set) ? "grid" : "comparison");
