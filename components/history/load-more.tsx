import { useLayoutEffect, useRef, type RefObject } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

/**
 * The history's "Load more", one for each page to come (keyed by the pages loaded): the page's cards take its
 * place and the next one's button follows them. The same button pushed down past them would be a layout shift
 * each time a page lands (0.03 of the screen at 1280*900; a click excuses only the first 500 ms), and a new
 * element is none. The keyboard's place passes from each button to the next: `focused` carries it across.
 */
export function LoadMore({ loading, onLoad, focused }: { loading: boolean; onLoad: () => void; focused: RefObject<boolean> }) {
  const t = useMessages().history;
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const element = button.current;
    // Only where the focus was lost with the last one: never taken from wherever the person has gone since.
    if (focused.current && (document.activeElement === null || document.activeElement === document.body)) element?.focus({ preventScroll: true });
    focused.current = false;
    // Run before React takes the button out of the page, while the focus can still be seen on it.
    return () => {
      focused.current = element !== null && document.activeElement === element;
      // The next button takes it in this same commit; with none (the last page landed) it is dropped, not
      // kept for a button a later list brings (a filter, a refetch) to take the focus from nowhere.
      queueMicrotask(() => (focused.current = false));
    };
  }, [focused]);
  return (
    // Disabled with a reason while the page loads, which keeps it focusable: a plain disabled button drops the focus.
    <Button ref={button} onClick={onLoad} disabled={loading} reason={t.lightbox.loadingMore} className="w-full">
      {loading ? t.loading : t.loadMore}
    </Button>
  );
}
