import type { InputHTMLAttributes } from "react";
import { useRuleText } from "@/components/i18n/i18n-provider";

/**
 * Forced colours paint every background in the page's colour, which would leave neither track nor knob: the track
 * gets an edge (Highlight, filled, when on) and the knob a system colour, 2 px smaller so it stays centred inside
 * the edge.
 */
const FORCED_COLOURS =
  "forced-colors:border forced-colors:border-[CanvasText] forced-colors:before:h-3.5 forced-colors:before:w-3.5 forced-colors:before:bg-[CanvasText] forced-colors:checked:border-[Highlight] forced-colors:checked:bg-[Highlight] forced-colors:checked:before:bg-[HighlightText]";

/** A checkbox that looks and announces itself as an on/off switch, with its label beside it (and, refused, why). */
export function Switch({
  id,
  label,
  help,
  error,
  ...input
}: { id: string; label: string; help: string; error?: string | undefined } & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id">) {
  // Refusals come from the shared rules, in English: shown in the interface's language.
  const ruleText = useRuleText();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
        aria-invalid={Boolean(error)}
        className={`peer mt-0.5 h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-300 dark:bg-slate-600 transition before:block before:h-4 before:w-4 before:translate-x-0.5 before:translate-y-0.5 before:rounded-full before:bg-white before:shadow before:transition checked:bg-indigo-600 checked:before:translate-x-4.5 ${FORCED_COLOURS}`}
        {...input}
      />
      <div>
        <label htmlFor={id} className="cursor-pointer text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        <p id={`${id}-help`} className="text-xs text-slate-500 dark:text-slate-400">
          {help}
        </p>
        {error && (
          <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
            {ruleText(error)}
          </p>
        )}
      </div>
    </div>
  );
}
