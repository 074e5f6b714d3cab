import { useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { historyQuery } from "@/lib/api/generations";
import type { ListFilters } from "@/lib/generation/list-query";
import type { HistoryActions } from "./actions";
import { GenerationCard } from "./generation-card";
import { HistoryFilters } from "./history-filters";
import { usePendingDeletes } from "./use-pending-deletes";

/** Every generation ever made here, newest first, loaded a page at a time as the list scrolls. */
export function History({ actions }: { actions: Omit<HistoryActions, "remove"> }) {
  const [filters, setFilters] = useState<ListFilters>({});
  const deferred = useDeferredValue(filters);
  const query = useInfiniteQuery(historyQuery(deferred));
  const deletes = usePendingDeletes();
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "600px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const hidden = new Set(deletes.pending.map((g) => g.id));
  const items = (query.data?.pages ?? []).flatMap((page) => page.items).filter((g) => !hidden.has(g.id));
  const filtered = Boolean(filters.q?.trim() || filters.model || filters.status || filters.starred);

  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      <HistoryFilters value={filters} onChange={setFilters} />

      {deletes.pending.length > 0 && (
        <div role="status" className="space-y-1">
          {deletes.pending.map((generation) => (
            <div key={generation.id} className="flex items-center justify-between gap-2 rounded-md bg-slate-800 px-3 py-2 text-sm text-white">
              <span className="truncate">Deleted “{generation.request.prompt.slice(0, 60)}”.</span>
              <Button onClick={() => deletes.undo(generation.id)}>Undo</Button>
            </div>
          ))}
        </div>
      )}

      {deletes.failure && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {deletes.failure}
        </p>
      )}
      {query.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          The history could not be loaded: {query.error.message}
        </p>
      )}
      {query.isSuccess && items.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          {filtered
            ? "Nothing in the history matches these filters."
            : "Your images will appear here, newest first, each beside the prompt the model actually used. Everything is kept on the server: reloading or closing the tab loses nothing."}
        </p>
      )}
      <div className="space-y-4">
        {items.map((generation) => (
          <GenerationCard key={generation.id} initial={generation} actions={{ ...actions, remove: deletes.remove }} />
        ))}
      </div>
      <div ref={sentinel} />
      {hasNextPage && (
        <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} className="w-full">
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </section>
  );
}
