import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import type { GenerationView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { CopyButton } from "./copy-button";

/**
 * What the gateway said of a generation beyond its images: the ids to quote to its support (copyable), a
 * failure in words with those ids beside it, and what a partial answer did not bring.
 */

/** One of the gateway's ids, as code, with a small Copy button named after it. */
export function UpstreamId({ id, name }: { id: string; name: string }) {
  const t = useMessages().history.gateway;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <code className="break-all font-mono text-[0.7rem]">{id}</code>
      <CopyButton text={id} label={t.copy} name={format(t.copyName, { name })} size="inline" />
    </span>
  );
}

/**
 * A failure in the interface's language, and the ids the user can quote about it. Not an alert: a page of
 * old failures would be read out on every load; a failure as it happens is told by the history's announcer.
 */
export function ErrorReport({ generation, text }: { generation: GenerationView; text: string }) {
  const t = useMessages().history.gateway;
  return (
    <div role="note" aria-label={t.failure} className="space-y-1 rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
      <p>{text}</p>
      {generation.requestId && (
        <p className="text-xs">
          {format(t.label, { name: t.requestId })} <UpstreamId id={generation.requestId} name={t.requestId} />
        </p>
      )}
      {generation.taskId && (
        <p className="text-xs">
          {format(t.label, { name: t.taskId })} <UpstreamId id={generation.taskId} name={t.taskId} />
        </p>
      )}
    </div>
  );
}

/** What did not come (or came beyond what was asked), one sentence each. */
export function AnswerNotices({ notices }: { notices: readonly string[] }) {
  const ruleText = useRuleText();
  const t = useMessages().history.gateway;
  if (notices.length === 0) return null;
  return (
    <div role="note" aria-label={t.notices} className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-900 dark:text-amber-100">
      <ul className="space-y-0.5">
        {notices.map((notice) => (
          <li key={notice}>{ruleText(notice)}</li>
        ))}
      </ul>
    </div>
  );
}
