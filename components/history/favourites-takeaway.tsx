import { useInfiniteQuery } from "@tanstack/react-query";
import { useMessages } from "@/components/i18n/i18n-provider";
import { TakeawayLinks } from "@/components/sets/takeaway-links";
import { historyQuery } from "@/lib/api/generations";

/**
 * The favourites' take-away, in their disclosure. With none starred it says so in place of links to files
 * that would be empty (the server refuses them too, and their check says so). The starred list is the
 * favourites filter's own query, which the live stream reads again when a star changes, so a star given
 * while the disclosure is open brings the links.
 */
export function FavouritesTakeaway() {
  const t = useMessages().sets.takeaway;
  const starred = useInfiniteQuery(historyQuery({ starred: true }));
  if (starred.isPending) return null;
  // A list that could not be read leaves the links: a click asks the server, which says what is wrong.
  if (starred.data?.pages[0]?.items.length === 0) return <p role="status">{t.none}</p>;
  return <TakeawayLinks query="starred=1" label={t.favourites} labelShown={false} />;
}
