import { useEffect, useState } from "react";

/** The history's pages past those loaded, as its infinite query tells of them. */
export type MorePages = {
  readonly data: { readonly pages: readonly unknown[] } | undefined;
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly fetchNextPage: () => Promise<{ isError: boolean; data?: { readonly pages: readonly unknown[] } | undefined }>;
};

/**
 * Next on the last loaded image while the history goes on: it loads the next page and moves on to its first
 * image once the page is in the list. A page with no image (failed runs only) brings the one after, until an
 * image comes or the history ends, where Next is done. `keys` name the entries, in order; `index` is the one shown.
 */
export const useOnward = (keys: readonly string[], index: number, more: MorePages, onIndex: (index: number) => void) => {
  const current = keys[index];
  // The image Next was pressed on, and how many pages were in the list when the last page was asked for
  // (null: none asked yet): the page the list already holds, not the one the answer has, decides what comes next.
  const [wait, setWait] = useState<{ from: string; askedAt: number | null } | null>(null);
  const [failedAt, setFailedAt] = useState<string | null>(null);
  const pages = more.data?.pages.length ?? 0;
  const last = index === keys.length - 1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = more;

  useEffect(() => {
    if (!wait) return;
    // Moved elsewhere meanwhile (Previous, another tab's deletion): the move is dropped.
    if (wait.from !== current) return setWait(null);
    if (!last) {
      setWait(null);
      return onIndex(index + 1);
    }
    if (isFetchingNextPage || (wait.askedAt !== null && pages <= wait.askedAt)) return;
    if (!hasNextPage) return setWait(null);
    setWait({ from: wait.from, askedAt: pages });
    void fetchNextPage().then(({ isError, data }) => {
      if (isError) {
        setWait(null);
        setFailedAt(wait.from);
      } else if ((data?.pages.length ?? 0) <= pages) {
        // Answered with no page more: the read was cancelled by a read of the whole list (a deletion's, the
        // stream's read afresh). The wait ends, so the next press asks again rather than wait for good.
        setWait(null);
      }
    });
  }, [wait, current, last, index, onIndex, pages, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return {
    onPastEnd:
      hasNextPage && current !== undefined
        ? () => {
            setFailedAt(null);
            setWait((was) => (was?.from === current ? was : { from: current, askedAt: null }));
          }
        : undefined,
    state: wait?.from === current ? ("loading" as const) : failedAt === current ? ("failed" as const) : null,
  };
};
