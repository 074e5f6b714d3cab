import type { ReactNode } from "react";
import { useRuleText } from "@/components/i18n/i18n-provider";

/** A labelled control with optional help and error text, wired up for screen readers by id. */
export function Field({
  id,
  label,
  help,
  error,
  aside,
  children,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  aside?: ReactNode;
  children: ReactNode;
}) {
  // Refusals come from the shared rules, in English: shown in the interface's language.
  const ruleText = useRuleText();
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        {aside}
      </div>
      {children}
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-500 dark:text-slate-400">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
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
