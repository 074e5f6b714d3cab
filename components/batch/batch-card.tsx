import type { HistoryActions } from "@/components/history/actions";
import { StarButton } from "@/components/history/star-button";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { SetActions, SetCell, SetDownloads, SetProgress } from "@/components/sets/set-parts";
import { ClampedText } from "@/components/ui/clamped-text";
import type { BatchRequest } from "@/lib/batch/batch-request";
import type { ComparisonView } from "@/lib/generation/view";
import { format, plural } from "@/lib/i18n/format";
import { getModel } from "@/lib/models/registry";
import { formatSize } from "@/lib/models/size-rules";
import { excerpt } from "@/lib/text/well-formed";
import { useSetCard } from "@/components/sets/use-set-card";

type Batch = ComparisonView<BatchRequest>;

/** A batch in the history: a row per line it came from, each filling in as it finishes. */
export function BatchCard({ initial, actions, selection }: { initial: Batch; actions: HistoryActions; selection: React.ReactNode }) {
  const messages = useMessages();
  const t = messages.batch.card;
  const locale = useLocale();
  const { set: batch, update, retry, card, spent, earlierImages, money } = useSetCard(initial);
  const name = (index: number) => format(t.row, { line: batch.request.rows[index]?.line ?? index + 1 });

  return (
    <article
      ref={card}
      tabIndex={-1}
      aria-label={plural(locale, t.label, batch.columns.length, { name: excerpt(batch.request.prompt, 60) })}
      className="space-y-3 rounded-lg border border-amber-200 dark:border-amber-800 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <header className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <div className="min-w-0 space-y-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-amber-700 dark:text-amber-300">{plural(locale, t.heading, batch.columns.length)}</p>
          <ClampedText lines={3} className="text-sm text-slate-900 dark:text-slate-100">
            <span className="sr-only">{t.nameLabel}</span>
            {batch.request.prompt}
          </ClampedText>
          <p className="text-xs text-slate-500 dark:text-slate-400">{format(t.total, { cost: money(spent) })}
            {earlierImages > 0 && plural(locale, messages.sets.earlierAttempts, earlierImages)}
          </p>
        </div>
        <div className="flex h-9 items-center gap-2 justify-self-end">
          {selection}
          <StarButton starred={batch.starred} busy={update.isPending} onToggle={() => update.mutate({ id: batch.id, starred: !batch.starred })} />
        </div>
      </header>

      <SetProgress set={batch} focusAfter={card} />

      <div className="max-h-[48rem] overflow-auto">
        <table className="w-full border-separate border-spacing-y-1 text-left text-xs">
          <thead className="text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="whitespace-nowrap p-1 font-medium">{t.line}</th>
              <th scope="col" className="p-1 font-medium">{t.prompt}</th>
              <th scope="col" className="p-1 font-medium">{t.settings}</th>
              <th scope="col" className="w-28 p-1 font-medium sm:w-40">{t.result}</th>
            </tr>
          </thead>
          <tbody>
            {batch.columns.map((column, index) => {
              const { request } = column.generation;
              return (
                <tr key={column.generation.id} className="align-top">
                  <th scope="row" className="whitespace-nowrap p-1 font-medium tabular-nums">{batch.request.rows[index]?.line ?? index + 1}</th>
                  <td className="min-w-20 p-1 [overflow-wrap:anywhere]">
                    <ClampedText lines={4}>{request.prompt}</ClampedText>
                  </td>
                  <td className="p-1 tabular-nums text-slate-600 dark:text-slate-400">
                    {/* A size and a seed are read whole: neither breaks across lines. */}
                    {getModel(request.model).name} · <span className="whitespace-nowrap">{formatSize(request)}</span> ·{" "}
                    <span className="whitespace-nowrap">{column.generation.seed ?? request.seed ?? ""}</span> · {request.n}
                  </td>
                  <td className="w-28 min-w-24 p-1 sm:w-40 sm:min-w-32">
                    <SetCell
                      label={name(index)}
                      name={name(index)}
                      generation={column.generation}
                      notes={column.notes}
                      actions={actions}
                      onRetry={() => retry.mutate({ id: batch.id, column: column.generation.id })}
                      busy={retry.isPending}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <SetActions set={batch} actions={actions} words={t} error={update.error ?? retry.error}>
        <SetDownloads set={batch} />
      </SetActions>
    </article>
  );
}
