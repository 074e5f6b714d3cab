import type { BatchRequest } from "../batch/batch-request";
import type { CompareRequest } from "../compare/compare-request";
import type { GridRequest } from "../grid/grid-request";

/**
 * Generations made together are kept as one history item (a "comparison" record) whose request says what
 * made them: models compared (no kind), a grid's cells, or a batch's rows. No zod here: the history's cards
 * tell them apart on the first screen.
 */
export type SetRequest = CompareRequest | GridRequest | BatchRequest;

type Kinded<Kind extends string> = Extract<SetRequest, { readonly kind: Kind }>;
const kindOf = (request: object): string | undefined => ("kind" in request && typeof request.kind === "string" ? request.kind : undefined);

export const isGridRequest = (request: object): request is GridRequest => kindOf(request) === "grid";
export const isBatchRequest = (request: object): request is BatchRequest => kindOf(request) === "batch";

export const isGrid = <View extends { readonly request: object }>(view: View): view is View & { readonly request: Kinded<"grid"> } => isGridRequest(view.request);
export const isBatch = <View extends { readonly request: object }>(view: View): view is View & { readonly request: Kinded<"batch"> } => isBatchRequest(view.request);
export const isModelComparison = <View extends { readonly request: object }>(view: View): view is View & { readonly request: CompareRequest } => kindOf(view.request) === undefined;
