/** What a view of the history shows once its list has settled. */
export type ListOutcome = {
  /** The view's filters, as a key. */
  readonly view: string;
  readonly filtered: boolean;
  /** Entries shown (a delete's Undo notice not counted). */
  readonly shown: number;
  /** More pages to come. */
  readonly more: boolean;
};

/**
 * Whether a settled list is worth saying, after `said` (the last one said, or taken in): a view chosen since (a
 * search, a filter), or the same view turned empty or no longer empty (its last favourite unstarred). Not the
 * first view (the page opening), nor a page landing in the same view: the cards say that themselves.
 */
export const isNews = (said: ListOutcome | null, next: ListOutcome): boolean =>
  said !== null && (said.view !== next.view || (said.shown === 0) !== (next.shown === 0));
