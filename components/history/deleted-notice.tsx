import { useEffect, useRef } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { format } from "@/lib/i18n/format";
import type { HistoryItem } from "@/lib/generation/view";
import { excerpt } from "@/lib/text/well-formed";

/**
 * What a deleted entry leaves in its place for a while: where the user's eyes already are, with Undo under
 * their hand (and under the keyboard's focus, which was on the Delete button that just went away).
 */
export function DeletedNotice({ item, onUndo, onHold }: { item: HistoryItem; onUndo: () => void; onHold: (held: boolean) => void }) {
  const t = useMessages().history;
  const undo = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => undo.current?.focus(), []);
  // Held while the pointer is on it or the focus is in it: either leaving starts the window again only if the other has gone too.
  const at = useRef({ pointer: false, focus: false });
  const held = (where: "pointer" | "focus", value: boolean) => {
    at.current[where] = value;
    onHold(at.current.pointer || at.current.focus);
  };
  // The card comes back where the notice is, and the keyboard's place with it.
  const restore = () => {
    const notice = box.current;
    const parent = notice?.parentElement;
    const place = parent && notice ? [...parent.children].indexOf(notice) : -1;
    onUndo();
    requestAnimationFrame(() => {
      const card = parent?.children[place];
      if (card instanceof HTMLElement) card.focus();
    });
  };
  return (
    <div
      ref={box}
      role="status"
      onPointerEnter={() => held("pointer", true)}
      onPointerLeave={() => held("pointer", false)}
      onFocus={() => held("focus", true)}
      onBlur={() => held("focus", false)}
      className="flex items-center justify-between gap-3 rounded-lg bg-slate-800 dark:bg-slate-700 px-4 py-3 text-sm text-white"
    >
      <span className="min-w-0">{format(item.kind === "comparison" ? t.deletedComparison : t.deleted, { prompt: excerpt(item.request.prompt, 80) })}</span>
      <Button ref={undo} onClick={restore} className="shrink-0">
        {t.undo}
      </Button>
    </div>
  );
}
