import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { useCost } from "@/components/pricing/prices";
import { comparisonQuery, useRetryColumn, useUpdateComparison } from "@/lib/api/comparison";
import { useUsageAfter } from "@/lib/api/limits";
import { useLive } from "@/lib/api/live";
import type { SetRequest } from "@/lib/generation/set-kind";
import { isActive, type ComparisonView } from "@/lib/generation/view";
import { setCost } from "@/lib/generation/set-cost";

/**
 * What every card of generations made together (comparison, grid, batch) follows: the set as it is now (the
 * stream or a check brings its columns), its star and reveal, its retries, whether any column is still at
 * work (today's count is asked again when none is), and what it billed, or will at most while one runs, by
 * the deployment's prices (an estimate), the attempts its retries replaced included.
 */
export const useSetCard = <Request extends SetRequest>(initial: ComparisonView<Request>) => {
  const live = useLive();
  const query = useQuery(comparisonQuery(initial, live));
  // The query of this id only ever holds this set, of this kind.
  const set = query.data as ComparisonView<Request>;
  const cost = useCost();
  const active = set.columns.some((column) => isActive(column.generation.status));
  useUsageAfter(active, live);
  const { cost: spent, earlierImages } = setCost(set, cost.of);
  return { set, refetch: query.refetch, update: useUpdateComparison(), retry: useRetryColumn(), card: useRef<HTMLElement>(null), spent, earlierImages, money: cost.money };
};
