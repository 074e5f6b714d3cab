import { useEffect, useRef } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { format } from "@/lib/i18n/format";
import type { HistoryItem } from "@/lib/generation/view";
import { UNDO_HOLD_MAX_MS, UNDO_MS } from "@/lib/history/undo-window";
import { excerpt } from "@/lib/text/well-formed";

/**
 * What a deleted entry leaves in its place for a while: where the user's eyes already are, with Undo under
 * their hand (and under the keyboard's focus, which was on the Delete button that just went away).
 */
export function DeletedNotice({ item, onUndo, onHold }: { item: HistoryItem; onUndo: () => void; onHold: (held: boolean) => void }) {
  const t = useMessages().history;
  const undo = useRef<HTMLButtonElement>(null);
  // The focus the page itself puts on Undo is no sign of anyone at the notice (it would hold the delete back for
  // as long as nothing else is clicked): only a focus someone brings back to it holds the window.
  const placing = useRef(false);
  useEffect(() => {
    placing.current = true;
    undo.current?.focus();
    placing.current = false;
  }, []);
  // Held while the pointer is on it or someone's focus is in it: the window closes again only once both have gone.
  const at = useRef({ pointer: false, focus: false });
  const held = (where: "pointer" | "focus", value: boolean) => {
    const before = at.current.pointer || at.current.focus;
    at.current[where] = value;
    const now = at.current.pointer || at.current.focus;
    if (now !== before) onHold(now);
  };
  return (
    <div
      role="status"
      onPointerEnter={() => held("pointer", true)}
      onPointerLeave={() => held("pointer", false)}
      onFocus={() => {
        if (!placing.current) held("focus", true);
      }}
      onBlur={() => held("focus", false)}
      className="flex items-center justify-between gap-3 rounded-lg bg-slate-800 dark:bg-slate-700 px-4 py-3 text-sm text-white"
    >
      <span className="min-w-0">
        {format(item.kind === "comparison" ? t.deletedComparison : t.deleted, { prompt: excerpt(item.request.prompt, 80) })}
        <span className="block text-xs text-slate-300">{format(t.undoWindow, { seconds: UNDO_MS / 1000, max: UNDO_HOLD_MAX_MS / 1000 })}</span>
      </span>
      {/* The card comes back where the notice is, and the keyboard's place with it (see useListFocus). */}
      <Button ref={undo} onClick={onUndo} className="shrink-0">
        {t.undo}
      </Button>
    </div>
  );
}
