/**
 * "n/max", turning red when the text is over the limit. Announced only at the limit, not on every key.
 */
export function TextCounter({ id, length, max }: { id: string; length: number; max: number }) {
  return (
    <span id={id} aria-live={length >= max ? "polite" : "off"} className={`text-xs tabular-nums ${length > max ? "font-semibold text-red-700" : length === max ? "font-semibold text-amber-700" : "text-slate-500"}`}>
      {length}/{max}
    </span>
  );
}
