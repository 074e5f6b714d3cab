import { useEffect, useRef } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { announce } from "@/components/ui/announce";
import { plural } from "@/lib/i18n/format";
import { isNews, type ListOutcome } from "@/lib/history/list-outcome";

/** How long a list must stay settled before it is said: a search being typed is not told letter by letter. */
const SETTLED_MS = 800;

/**
 * Tells a screen reader what a search or a filter found, once its list has settled (`outcome` is null while it
 * is on its way): no matches, or how many are shown. The cards change out of sight of someone at the filters.
 */
export function ListAnnouncer({ outcome }: { outcome: ListOutcome | null }) {
  const t = useMessages().history.outcome;
  const locale = useLocale();
  const said = useRef<ListOutcome | null>(null);
  const { view, filtered, shown, more } = outcome ?? {};
  useEffect(() => {
    if (view === undefined || filtered === undefined || shown === undefined || more === undefined) return;
    const next = { view, filtered, shown, more };
    if (!isNews(said.current, next)) {
      said.current = next;
      return;
    }
    const words = shown === 0 ? (filtered ? t.none : t.empty) : plural(locale, more ? t.someMore : t.some, shown);
    const timer = setTimeout(() => {
      said.current = next;
      announce(words);
    }, SETTLED_MS);
    return () => clearTimeout(timer);
  }, [view, filtered, shown, more, t, locale]);
  return null;
}
