import { useMessages } from "@/components/i18n/i18n-provider";

/** The favourite toggle: a pressed button, so it announces its state. */
export function StarButton({ starred, onToggle }: { starred: boolean; onToggle: () => void }) {
  const t = useMessages().history.star;
  return (
    <button
      type="button"
      aria-pressed={starred}
      aria-label={t.label}
      title={starred ? t.remove : t.add}
      onClick={onToggle}
      className={`rounded-md px-2 py-1 text-lg leading-none ${starred ? "text-amber-500" : "text-slate-400 dark:text-slate-500 hover:text-slate-600 dark:hover:text-slate-400"}`}
    >
      ★
    </button>
  );
}
