/** As wide as a digit: "  7/500" and "500/500" take the same room. */
const FIGURE_SPACE = "\u2007";

/**
 * "n/max", turning red when the text is over the limit. Announced only at the limit, not on every key. The count
 * is padded to the width of the limit with figure spaces, so typing never moves it (no layout shift).
 */
export function TextCounter({ id, length, max }: { id: string; length: number; max: number }) {
  return (
    <span id={id} aria-live={length >= max ? "polite" : "off"} className={`whitespace-pre text-xs tabular-nums ${length > max ? "font-semibold text-red-700 dark:text-red-300" : length === max ? "font-semibold text-amber-700 dark:text-amber-300" : "text-slate-500 dark:text-slate-400"}`}>
      {String(length).padStart(String(max).length, FIGURE_SPACE)}/{max}
    </span>
  );
}
