import { useEffect, useRef, type ReactNode } from "react";
import { useRuleText } from "@/components/i18n/i18n-provider";
import { announce } from "./announce";
import { KeyHint } from "./key-hint";

/**
 * A labelled control with optional help and error text, wired up for screen readers by id. `keys`: a keyboard
 * shortcut's words, said after the help only where a keyboard is likely. The error is no live region: one
 * checked as the user types would be said at every key. It is the control's description (the control names
 * `${id}-error` in its aria-describedby), and it is said once when it comes while the focus is elsewhere (a
 * refusal after a click); a refused submit says the error of the field it focuses (./submit-refusal.ts).
 */
export function Field({
  id,
  label,
  help,
  keys,
  error,
  aside,
  children,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  keys?: string;
  error?: string | undefined;
  aside?: ReactNode;
  children: ReactNode;
}) {
  // Refusals come from the shared rules, in English: shown in the interface's language.
  const ruleText = useRuleText();
  // The error the field was put on the page with is not said: a draft restored with it is no news.
  const said = useRef(error);
  useEffect(() => {
    if (error === said.current) return;
    said.current = error;
    if (error && document.activeElement?.id !== id) announce(ruleText(error));
    // The rule's own words, not their translation: a language switch changes the words, not the error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error, id]);
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        {aside}
      </div>
      {children}
      {(help || keys) && (
        // With nothing but the keys, the line is empty on a touch screen: of no height, and the space above it
        // folds into the form's own (a column of blocks), so no gap is left. Yet it is there, not hidden: an
        // element a description names is read even when it is hidden itself.
        <p id={`${id}-help`} className="text-xs text-slate-500 dark:text-slate-400">
          {help}
          {keys && (
            <KeyHint>
              {help && " "}
              {keys}
            </KeyHint>
          )}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-300">
          {ruleText(error)}
        </p>
      )}
    </div>
  );
}

export const describedBy = (id: string, help: boolean, error: boolean): string | undefined =>
  [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

export const inputClass =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 dark:placeholder:text-slate-500 focus:border-indigo-500 aria-[invalid=true]:border-red-500";
