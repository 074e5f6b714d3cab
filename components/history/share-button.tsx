import { useId } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useCreateShare } from "@/lib/api/shares";
import { format } from "@/lib/i18n/format";
import type { ShareEntry } from "@/lib/store/types";
import { CopyButton } from "./copy-button";

/**
 * Makes a read-only link to the given items and shows it, ready to copy. The link opens for anyone who may
 * use this deployment; behind a password, they sign in first.
 */
export function ShareButton({ entries, title, label }: { entries: readonly ShareEntry[]; title: string; label?: string }) {
  const t = useMessages().history.share;
  const ruleText = useRuleText();
  const share = useCreateShare();
  const url = share.data ? `${window.location.origin}${share.data.path}` : null;
  const fieldId = `share-link-${useId()}`;
  return (
    <>
      {url ? (
        // A line of its own, wherever the button was in its row: the whole address shows, on every card alike.
        <span className="flex basis-full items-center gap-2">
          <label htmlFor={fieldId} className="text-xs font-medium text-slate-700 dark:text-slate-300">
            {t.link}
          </label>
          <input id={fieldId} readOnly autoFocus value={url} className={`${inputClass} min-w-0 flex-1`} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={url} label={t.copyLink} />
        </span>
      ) : (
        <Button onClick={() => share.mutate({ title, entries: [...entries] })} disabled={share.isPending}>
          {share.isPending ? t.making : (label ?? t.create)}
        </Button>
      )}
      {share.error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {format(t.error, { error: ruleText(share.error.message) })}
        </p>
      )}
    </>
  );
}
