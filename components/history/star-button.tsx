import { useMessages } from "@/components/i18n/i18n-provider";

/**
 * The favourite toggle: a pressed button, so it announces its state. `busy` while a toggle is on its way: a
 * second click would send the same state again (it is computed from what the page shows), not undo the first.
 */
export function StarButton({ starred, onToggle, busy }: { starred: boolean; onToggle: () => void; busy: boolean }) {
  const t = useMessages().history.star;
  return (
    <button
      type="button"
      aria-pressed={starred}
      aria-label={t.label}
      title={starred ? t.remove : t.add}
      // Not disabled: a disabled button would drop the keyboard's focus.
      aria-disabled={busy}
      onClick={busy ? undefined : onToggle}
      className={`inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium ${starred ? "text-amber-700 dark:text-amber-300" : "text-slate-500 dark:text-slate-400 hover:text-slate-700 dark:hover:text-slate-300"}`}
    >
      {/* Filled or hollow, not only coloured: the state shows without telling colours apart. */}
      <span aria-hidden className="text-lg leading-none">{starred ? "★" : "☆"}</span>
      {t.label}
    </button>
  );
}
