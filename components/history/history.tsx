import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api/client";
import { historyQuery } from "@/lib/api/generations";
import { onLiveDeletions } from "@/lib/api/live-cache";
import { format, plural } from "@/lib/i18n/format";
import { isUnfiltered, listSearchParams, type ListFilters } from "@/lib/generation/list-query";
import type { ChainStep, GenerationView, HistoryItem, HistoryPage, ImageView } from "@/lib/generation/view";
import { FavouritesTakeaway, HistoryLightbox, PollButton, RunAnnouncer, TakeawayLinks, useCards } from "@/components/lazy";
import type { HistoryActions } from "./actions";
import { HistoryFilters } from "./history-filters";
import { LoadMore } from "./load-more";
import { SHARE_MAX_ITEMS } from "@/lib/share/share-limits";
import { usePendingDeletes } from "./use-pending-deletes";
import { cutText } from "@/lib/text/well-formed";

/** Every favourite, page after page (a presentation of them needs them all, not the ones scrolled to). */
const allStarred = async (): Promise<HistoryItem[]> => {
  const items: HistoryItem[] = [];
  let cursor: string | null = null;
  do {
    const params = listSearchParams({ starred: true }, cursor);
    params.set("limit", "100");
    const page: HistoryPage = await apiFetch<HistoryPage>(`/api/generations?${params}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

/** Every generation and comparison ever made here, newest first, loaded a page at a time as the list scrolls. */
export function History({ actions }: { actions: Omit<HistoryActions, "remove" | "showStep" | "openImage"> }) {
  const messages = useMessages();
  const t = messages.history;
  const client = useQueryClient();
  const [viewing, setViewing] = useState<{ generationId: string; imageId: string } | null>(null);
  const locale = useLocale();
  // The server's refusals are English; shown in the interface's language where known.
  const ruleText = useRuleText();
  const [filters, setFilters] = useState<ListFilters>({});
  const deferred = useDeferredValue(filters);
  const query = useInfiniteQuery(historyQuery(deferred));
  // Said at the first refusal, not only once the query has tried three more times (seconds later).
  const loadFailure = query.failureReason ?? query.error;
  const deletes = usePendingDeletes();
  const [selected, setSelected] = useState<ReadonlyMap<string, HistoryItem>>(new Map());
  // Deleted elsewhere (another tab, a colleague), an item leaves the selection, or a share or download of it would have a hole.
  useEffect(
    () =>
      onLiveDeletions(client, (gone) =>
        setSelected((current) => ([...current.keys()].some((id) => gone.has(id)) ? new Map([...current].filter(([id]) => !gone.has(id))) : current)),
      ),
    [client],
  );
  const [starredError, setStarredError] = useState<string | null>(null);
  // Present favourites with none starred: said here, rather than an empty slide show in full screen.
  const [noFavourites, setNoFavourites] = useState(false);
  // The favourites' links load when their disclosure is first opened.
  const [favouritesOpen, setFavouritesOpen] = useState(false);
  // A state, not a ref: the sentinel mounts only once the cards' code is here, and the observer must follow it.
  const [sentinel, setSentinel] = useState<HTMLDivElement | null>(null);
  // Where the keyboard's place goes when its control leaves the list (ListFocus, with the cards' code).
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const loadMore = useRef<HTMLButtonElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const element = sentinel;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "600px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [sentinel, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const deleting = new Set(deletes.pending.map((item) => item.id));
  const items = (query.data?.pages ?? []).flatMap((page) => page.items).filter((item) => !deletes.committing.has(item.id));
  const cardsCode = useCards(items.length > 0);
  const { cards } = cardsCode;
  const filtered = !isUnfiltered(filters);
  const all = {
    ...actions,
    remove: (item: HistoryItem) => {
      // A deleted item leaves the selection too, or a later share or presentation would include it.
      setSelected((current) => new Map([...current].filter(([id]) => id !== item.id)));
      deletes.remove(item);
    },
    openImage: (generation: GenerationView, image: ImageView) => setViewing({ generationId: generation.id, imageId: image.id }),
    showStep: (step: ChainStep) => {
      const card = document.getElementById(`generation-${step.generationId}`);
      if (card) {
        card.scrollIntoView({ block: "start" });
        card.focus({ preventScroll: true });
      } else {
        // Not among the loaded pages, or a comparison's column: its prompt finds it.
        setFilters({ q: cutText(step.prompt, 80) });
      }
    },
  };
  const chosen = [...selected.values()];
  // Chosen from the cards: the check comes with their code.
  const pollable = cards ? chosen.flatMap((item) => (item.kind === "comparison" && cards.canPoll(item) ? [item] : [])) : [];

  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 ref={heading} id="history-heading" tabIndex={-1} className="text-lg font-semibold">
          {t.heading}
        </h2>
        <Button
          onClick={() => {
            setStarredError(null);
            setNoFavourites(false);
            allStarred().then(
              (starred) => {
                const shown = starred.filter((item) => !deleting.has(item.id));
                if (shown.length === 0) setNoFavourites(true);
                else actions.present(shown);
              },
              (error: unknown) => setStarredError(error instanceof Error ? error.message : String(error)),
            );
          }}
        >
          {t.presentFavourites}
        </Button>
      </div>
      {/* Polls made from any card, their links and counts, stay findable after a reload: listed there. */}
      <a href="/leaderboard" className="inline-block text-sm font-medium text-indigo-700 dark:text-indigo-300 underline">
        {t.pollsLink}
      </a>
      <details className="text-sm" onToggle={(event) => setFavouritesOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer font-medium text-indigo-700 dark:text-indigo-300">{messages.sets.takeaway.favourites}</summary>
        <div className="pt-2">{favouritesOpen && <FavouritesTakeaway />}</div>
      </details>
      <HistoryFilters value={filters} onChange={setFilters} />
      <RunAnnouncer items={items} loaded={query.isSuccess && !query.isPlaceholderData} view={JSON.stringify(deferred)} />
      {/* With the cards' code: a history that never had a card has nothing to find. */}
      {cards && (
        <cards.ListAnnouncer
          outcome={
            query.isSuccess && !query.isPlaceholderData && !query.isFetching && deferred === filters
              ? { view: JSON.stringify(deferred), filtered, shown: items.filter((item) => !deleting.has(item.id)).length, more: hasNextPage }
              : null
          }
        />
      )}
      {starredError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {format(t.favouritesError, { error: ruleText(starredError) })}
        </p>
      )}
      {noFavourites && (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {t.noFavourites}
        </p>
      )}

      {chosen.length > 0 && (
        // On a phone every action shows, in rows of compact buttons (a strip that scrolled sideways hid most of
        // them), covering little of the cards; in place, not held at the top, while it holds a form, a link or a note.
        <div role="region" aria-label={t.selection.region} className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50 dark:bg-indigo-950/40 p-2 text-sm max-sm:gap-1.5 max-sm:p-1.5 max-sm:[&_:is(a,button)]:px-2 max-sm:[&_:is(a,button)]:py-1 max-sm:has-[input,p]:static">
          <span className="font-medium">{plural(locale, t.selection.count, chosen.length)}</span>
          <Button onClick={() => actions.present(chosen)}>{t.selection.present}</Button>
          {/* Its code comes with the cards', which a selection was made from. */}
          {cards && chosen.length <= SHARE_MAX_ITEMS && (
            // No title: words of the sharer's language would be the page's heading in every viewer's; without
            // one, the page is titled in the viewer's own.
            <cards.ShareButton key={chosen.map((item) => item.id).join()} entries={chosen.map(({ kind, id }) => ({ kind, id }))} title="" label={t.selection.share} />
          )}
          {/* A poll of every finished comparison of models or grid with a model axis chosen. */}
          {pollable.length > 0 && (
            <PollButton
              key={`poll:${pollable.map((set) => set.id).join()}`}
              sets={pollable}
              prompt={plural(locale, t.selection.shareTitle, chosen.length)}
            />
          )}
          {chosen.length <= SHARE_MAX_ITEMS ? (
            <TakeawayLinks query={`items=${chosen.map((item) => `${item.kind}:${item.id}`).join(",")}`} label={messages.sets.takeaway.selection} />
          ) : (
            // The server would refuse them: said here, before any click.
            <p role="status">{format(t.selection.tooMany, { max: SHARE_MAX_ITEMS })}</p>
          )}
          <Button onClick={() => setSelected(new Map())}>{t.selection.clear}</Button>
        </div>
      )}

      {deletes.failure && (
        <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
          {format(t.deleteError, { error: ruleText(deletes.failure) })}
        </p>
      )}
      {loadFailure && (
        <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
          {format(t.loadError, { error: ruleText(loadFailure.message) })}
        </p>
      )}
      {query.isSuccess && items.every((item) => deleting.has(item.id)) && (
        <p className="rounded-lg border border-dashed border-slate-300 dark:border-slate-600 p-8 text-center text-sm text-slate-500 dark:text-slate-400">
          {filtered ? t.emptyFiltered : t.empty}
        </p>
      )}
      {cardsCode.failed && (
        <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
          {t.cardsError} <Button onClick={cardsCode.retry}>{t.cardsRetry}</Button>
        </p>
      )}
      {/* Until the cards' code is here (the first card ever shown), nothing below the filters shows, so nothing moves. */}
      {cards && (
        <cards.CardList ref={list} items={items} deleting={deleting} selected={selected} actions={all} onSelect={setSelected} onUndo={deletes.undo} onHold={deletes.hold} />
      )}
      {/* Below the cards only once they are here: in view at the top of an empty column, it would fetch every page. */}
      {cards && <div ref={setSentinel} />}
      {viewing && (
        <HistoryLightbox
          items={items.filter((item) => !deleting.has(item.id))}
          more={query}
          viewing={viewing}
          onView={setViewing}
          actions={all}
          onClose={() => setViewing(null)}
          // The image shown is gone (deleted, in another tab say): the lightbox closes, rather than show another.
          onGone={() => {
            setViewing(null);
            document.getElementById("history-heading")?.focus();
          }}
        />
      )}
      {cards && hasNextPage && (
        <LoadMore key={query.data?.pages.length ?? 0} ref={loadMore} loading={isFetchingNextPage} onLoad={() => void fetchNextPage()} />
      )}
      {/* Last, so that it runs after every other part's effects (a notice that puts the focus on its Undo). */}
      {cards && <cards.ListFocus heading={heading} list={list} after={loadMore} />}
    </section>
  );
}
