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
      className={`rounded-md px-2 py-1 text-lg leading-none ${starred ? "text-amber-500" : "text-slate-400 dark:text-slate-500 hover:text-slate-600 dark:hover:text-slate-400"}`}
    >
      ★
    </button>
  );
}
