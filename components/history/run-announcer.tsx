"use client";

import { useEffect, useRef, useState } from "react";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { format, plural } from "@/lib/i18n/format";
import { absorb, firstLook, lookAgain, type RunsSeen } from "@/lib/generation/run-endings";
import type { HistoryItem } from "@/lib/generation/view";
import { excerpt } from "@/lib/text/well-formed";

/**
 * Tells a screen reader when a run ends, as it happens: the images that came, or why none did. A set (a
 * comparison, a grid, a batch) is told of once its last column ends, in counts alone, so the order its
 * columns finished in (which could tell a blind comparison's models apart) is not said.
 */
/** `view`: the list's filters, as a key: a new view's items are taken in, not told of. */
export function RunAnnouncer({ items, loaded, view }: { items: readonly HistoryItem[]; loaded: boolean; view: string }) {
  const t = useMessages().history.announce;
  const locale = useLocale();
  const ruleText = useRuleText();
  // Kept across filters and pages: an item out of the list for a while is not new when it comes back.
  const seen = useRef<RunsSeen | null>(null);
  const viewSeen = useRef(view);
  const [text, setText] = useState("");
  useEffect(() => {
    if (!loaded) return;
    // The first look, or a new view: taken in, not told of.
    if (!seen.current || viewSeen.current !== view) {
      seen.current = seen.current ? absorb(seen.current, items) : firstLook(items);
      viewSeen.current = view;
      return;
    }
    const look = lookAgain(seen.current, items);
    seen.current = look.seen;
    if (look.ended.length === 0) return;
    const sentence = (item: HistoryItem): string => {
      const prompt = excerpt(item.request.prompt, 60);
      if (item.kind === "comparison") {
        const made = item.columns.filter((column) => column.generation.status === "succeeded").length;
        return format(t.setDone, { prompt, made, total: item.columns.length });
      }
      if (item.status === "succeeded") return plural(locale, t.done, item.images.length, { prompt });
      if (item.status === "failed" && item.error) return format(t.failed, { prompt, error: ruleText(item.error.message) });
      return format(t.stopped, { prompt });
    };
    // Emptied first, so the same sentence twice (the same prompt run again) is a change, and is said again.
    setText("");
    const said = look.ended.map(sentence).join(" ");
    // Not cancelled by the next render: that render's look finds nothing new, and this must still be said.
    requestAnimationFrame(() => setText(said));
  }, [items, loaded, view, t, locale, ruleText]);
  return (
    // Polite, and not a status of the page: a live region that only speaks.
    <p aria-live="polite" className="sr-only" data-testid="run-announcer">
      {text}
    </p>
  );
}
