import type { Ref } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

/**
 * The history's "Load more", one for each page to come (keyed by the pages loaded): the page's cards take its
 * place and the next one's button follows them. The same button pushed down past them would be a layout shift
 * each time a page lands (0.03 of the screen at 1280*900; a click excuses only the first 500 ms), and a new
 * element is none. The keyboard's place goes on to the first card of the page it loaded (see useListFocus).
 */
export function LoadMore({ ref, loading, onLoad }: { ref: Ref<HTMLButtonElement>; loading: boolean; onLoad: () => void }) {
  const t = useMessages().history;
  return (
    // Disabled with a reason while the page loads, which keeps it focusable: a plain disabled button drops the focus.
    <Button ref={ref} onClick={onLoad} disabled={loading} reason={t.lightbox.loadingMore} className="w-full">
      {loading ? t.loading : t.loadMore}
    </Button>
  );
}
