import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { plural } from "@/lib/i18n/format";
import { diffSummary, wordDiff } from "@/lib/text/word-diff";

/** What the rewriter did to the prompt: added words underlined in green, dropped words struck through in red (each marked by more than its colour). */
export function PromptDiff({ prompt, revised }: { prompt: string; revised: string }) {
  const t = useMessages().history.diff;
  const locale = useLocale();
  const parts = wordDiff(prompt, revised);
  const { added, removed } = diffSummary(parts);
  return (
    <div className="space-y-1" data-testid="prompt-diff">
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {plural(locale, t.summary, added, { removed })}
      </p>
      <p className="whitespace-pre-wrap text-sm leading-relaxed">
        {parts.map((part, index) =>
          part.kind === "same" ? (
            <span key={index}>{part.text}</span>
          ) : part.kind === "added" ? (
            <ins key={index} className="rounded bg-emerald-100 dark:bg-emerald-900/50 text-emerald-900 dark:text-emerald-200 underline decoration-emerald-600 underline-offset-2">
              {part.text}
            </ins>
          ) : (
            <del key={index} className="rounded bg-red-100 dark:bg-red-900/50 text-red-800 dark:text-red-200">
              {part.text}
            </del>
          ),
        )}
      </p>
    </div>
  );
}
