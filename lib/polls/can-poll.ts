import { isGrid, isModelComparison } from "../generation/set-kind";
import { isActive, type ComparisonView } from "../generation/view";
import { marksTellApart } from "../models/watermark-mark";

/**
 * Whether a set can be made a poll now: a comparison of models, or a grid with a model axis, with nothing of
 * it still running (a poll freezes its images as they are), made without a watermark that would tell its
 * models' families apart. The route's own check holds the same line.
 */
export const canPoll = (set: ComparisonView): boolean =>
  (isModelComparison(set) || (isGrid(set) && set.request.axes.some((axis) => axis.type === "model"))) &&
  !set.columns.some((column) => isActive(column.generation.status)) &&
  !marksTellApart(set.columns.map((column) => column.generation.request));
