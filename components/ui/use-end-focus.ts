import { useEffect, useRef, type RefObject } from "react";

/**
 * Refs for a Previous and a Next button that do nothing at their ends. A move (a press, an arrow key) that
 * reaches an end leaves the button that had the focus doing nothing: the focus goes on to the way back (to
 * `fallback`, a control that always acts, when there is none) rather than stay on that button or, were it
 * truly disabled, drop to the page's body, where a screen reader loses its place.
 */
export const useEndFocus = ({ atStart, atEnd }: { atStart: boolean; atEnd: boolean }, fallback: RefObject<HTMLElement | null>) => {
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const focused = document.activeElement;
    if (atStart && focused === previous.current) (atEnd ? fallback : next).current?.focus();
    if (atEnd && focused === next.current) (atStart ? fallback : previous).current?.focus();
  }, [atStart, atEnd, fallback]);
  return { previous, next };
};
