import { useEffect, useRef, type RefObject } from "react";

/** Where the keyboard was in the list: the control, and the row it is in (the row after the last, for what follows the list). */
type Place = { element: HTMLElement; row: number };

/** The card nearest to `row` (that row's first, then those after it, then those before), skipping what is not a card (a delete's notice). */
const nearestCard = (rows: readonly Element[], row: number): HTMLElement | null => {
  const order = [...rows.slice(row), ...rows.slice(0, row).reverse()];
  return order.find((candidate): candidate is HTMLElement => candidate instanceof HTMLElement && candidate.tagName === "ARTICLE") ?? null;
};

/**
 * Keeps the keyboard's place in the history when the control that had it leaves the page with its row (a
 * delete's Undo whose window closed, a card unstarred out of a favourites view) or after the list (Load more,
 * once its page landed): the focus goes to the card now in that row (after Undo, the card back in its place;
 * after Load more, the first card of the page it loaded), the nearest card otherwise, and the heading when
 * none is left, rather than drop to the page's body, where a screen reader loses its place. Rendered after
 * the list with every render of the history, so it runs after the rows' own effects (the notice that puts the
 * focus on its Undo); with the cards' code, which is what it looks after (components/lazy.ts).
 */
export function ListFocus({
  heading,
  list,
  after,
}: {
  heading: RefObject<HTMLElement | null>;
  list: RefObject<HTMLDivElement | null>;
  after: RefObject<HTMLButtonElement | null>;
}) {
  const place = useRef<Place | null>(null);

  useEffect(() => {
    const note = (event: FocusEvent) => {
      const rows = [...(list.current?.children ?? [])];
      const target = event.target;
      const row = target instanceof Node ? rows.findIndex((candidate) => candidate.contains(target)) : -1;
      if (target instanceof HTMLElement && row >= 0) place.current = { element: target, row };
      else if (target instanceof HTMLElement && target === after.current) place.current = { element: target, row: rows.length };
      // Gone elsewhere: what the list does next is no business of the keyboard's.
      else place.current = null;
    };
    // Let go to nowhere (a click on the page's background): the person left the list. One taken out of the page
    // lets go the same way (the browser says so as it goes), so that is told apart once it is done.
    const leave = (event: FocusEvent) => {
      const target = event.target;
      if (event.relatedTarget !== null || !(target instanceof Node)) return;
      queueMicrotask(() => {
        if (target.isConnected && place.current?.element === target) place.current = null;
      });
    };
    document.addEventListener("focusin", note);
    document.addEventListener("focusout", leave);
    return () => {
      document.removeEventListener("focusin", note);
      document.removeEventListener("focusout", leave);
    };
  }, [list, after]);

  useEffect(() => {
    const at = place.current;
    const rows = [...(list.current?.children ?? [])];
    if (!at) return;
    if (at.element.isConnected) {
      // Rows come and go above it (a new run on top): its row is kept up to date for when it goes.
      const row = rows.findIndex((candidate) => candidate.contains(at.element));
      place.current = { element: at.element, row: row >= 0 ? row : rows.length };
      return;
    }
    place.current = null;
    // Only where the focus was lost with it: never taken from wherever the person has gone since.
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    (nearestCard(rows, at.row) ?? heading.current)?.focus();
  });

  return null;
}
