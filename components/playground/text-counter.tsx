import { useState } from "react";

/** As wide as a digit: "  7/500" and "500/500" take the same room. */
const FIGURE_SPACE = "\u2007";

const zoneOf = (length: number, max: number) => (length > max ? "over" : length === max ? "full" : "under");

/**
 * "n/max", turning red when the text is over the limit. The count is padded to the width of the limit with
 * figure spaces, so typing never moves it (no layout shift). The shown count is no live region (typing past the
 * limit would say every key); a hidden one says the count once as the text reaches the limit, goes past it, or
 * comes back under it.
 */
export function TextCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const zone = zoneOf(length, max);
  // The text as loaded is not said: only a crossing the user makes.
  const [crossed, setCrossed] = useState({ zone, said: "" });
  if (crossed.zone !== zone) setCrossed({ zone, said: `${length}/${max}` });
  return (
    <>
      <span id={id} className={`whitespace-pre text-xs tabular-nums ${zone === "over" ? "font-semibold text-red-700 dark:text-red-300" : zone === "full" ? "font-semibold text-amber-700 dark:text-amber-300" : "text-slate-500 dark:text-slate-400"}`}>
        {String(length).padStart(String(max).length, FIGURE_SPACE)}/{max}
      </span>
      <span aria-live="polite" className="sr-only">
        {crossed.said}
      </span>
    </>
  );
}
