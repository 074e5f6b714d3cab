import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { useCost } from "@/components/pricing/prices";
import { comparisonQuery, useRetryColumn, useUpdateComparison } from "@/lib/api/comparisons";
import { useUsageAfter } from "@/lib/api/limits";
import { useLive } from "@/lib/api/live";
import { isHidden } from "@/lib/compare/column-label";
import { isModelComparison, type SetRequest } from "@/lib/generation/set-kind";
import { isActive, type ComparisonView, type GenerationView } from "@/lib/generation/view";
import { knownBill } from "@/lib/generation/known-bill";

/** The images a generation billed, or will at most while it runs; where no one can tell, every image asked, as today's count has them. */
const billed = (generation: GenerationView): number => (isActive(generation.status) ? generation.request.n : (knownBill(generation) ?? generation.request.n));

/**
 * What every card of generations made together (comparison, grid, batch) follows: the set as it is now (the
 * stream or a check brings its columns), its star and reveal, its retries, whether any column is still at
 * work (today's count is asked again when none is), and what it billed, or will at most while one runs, by
 * the deployment's prices (an estimate).
 */
export const useSetCard = <Request extends SetRequest>(initial: ComparisonView<Request>) => {
  const live = useLive();
  const query = useQuery(comparisonQuery(initial, live));
  // The query of this id only ever holds this set, of this kind.
  const set = query.data as ComparisonView<Request>;
  const cost = useCost();
  const active = set.columns.some((column) => isActive(column.generation.status));
  useUsageAfter(active, live);
  // Until a blind comparison's reveal no column says its model: its images are priced at its models' mean.
  const spent = isModelComparison(set) && isHidden(set)
    ? set.request.models.reduce((sum, model) => sum + cost.of(model, set.columns.reduce((images, { generation }) => images + billed(generation), 0)), 0) / set.request.models.length
    : set.columns.reduce((sum, { generation }) => sum + cost.of(generation.request.model, billed(generation)), 0);
  return { set, refetch: query.refetch, update: useUpdateComparison(), retry: useRetryColumn(), card: useRef<HTMLElement>(null), spent, money: cost.money };
};
