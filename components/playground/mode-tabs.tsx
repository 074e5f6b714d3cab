import { useMessages } from "@/components/i18n/i18n-provider";

export type Mode = "single" | "compare" | "grid" | "batch" | "edit";

export const MODES: readonly Mode[] = ["single", "compare", "grid", "batch", "edit"];

/**
 * Switches the form between one model, a side-by-side comparison, a grid, a batch and an edit of an image. Where
 * the five do not fit on one line (320 px, in Chinese), they wrap onto a second rather than leave the pill.
 */
export function ModeTabs({ value, onChange }: { value: Mode; onChange: (mode: Mode) => void }) {
  const t = useMessages();
  return (
    <div role="group" aria-label={t.playground.modeLabel} className="flex flex-wrap gap-1 rounded-md bg-slate-100 dark:bg-slate-800 p-1">
      {MODES.map((mode) => (
        <button
          key={mode}
          type="button"
          aria-pressed={value === mode}
          onClick={() => onChange(mode)}
          className="shows-chosen flex-auto whitespace-nowrap rounded px-1 py-1.5 text-[13px] font-medium sm:px-2 sm:text-sm text-slate-600 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm dark:text-slate-400 dark:aria-pressed:bg-slate-700 dark:aria-pressed:text-slate-100"
        >
          {t.playground.modes[mode]}
        </button>
      ))}
    </div>
  );
}
