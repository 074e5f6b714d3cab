import { useMemo } from "react";
import type { HistoryActions } from "@/components/history/actions";
import { canPoll } from "@/lib/polls/can-poll";
import { PollButton } from "@/components/polls/poll-button";
import { BuiltFileLink } from "@/components/sets/built-file-link";
import { SetActions, SetCell, SetDownloads, SetProgress } from "@/components/sets/set-parts";
import { StarButton } from "@/components/history/star-button";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { ClampedText } from "@/components/ui/clamped-text";
import type { ComparisonView } from "@/lib/generation/view";
import { gridTables, gridShape } from "@/lib/grid/grid-layout";
import type { GridRequest } from "@/lib/grid/grid-request";
import { axisValueName, cellName, planGrid, type AxisType } from "@/lib/grid/grid-plan";
import { format, plural } from "@/lib/i18n/format";
import { getModel } from "@/lib/models/registry";
import { excerpt } from "@/lib/text/well-formed";
import { useSetCard } from "@/components/sets/use-set-card";

type Grid = ComparisonView<GridRequest>;

/** A grid in the history: a labelled table per value of the third axis, cells filling in as they finish. */
export function GridCard({ initial, actions, selection }: { initial: Grid; actions: HistoryActions; selection: React.ReactNode }) {
  const messages = useMessages();
  const t = messages.grid.card;
  const locale = useLocale();
  const { set: grid, update, retry, card, spent, earlierImages, money } = useSetCard(initial);
  const { request } = grid;
  const plan = useMemo(() => planGrid(request, grid.seed, messages.grid.values), [request, grid.seed, messages.grid.values]);
  const tables = gridTables(plan, grid.columns);
  const name = (index: number) => cellName(plan, { at: plan.cells[index]?.at ?? [] }, messages.grid);
  const varies = (type: AxisType) => request.axes.some((axis) => axis.type === type);

  return (
    <article
      ref={card}
      tabIndex={-1}
      aria-label={format(t.label, { count: grid.columns.length, prompt: excerpt(request.prompt, 60) })}
      className="space-y-3 rounded-lg border border-teal-200 dark:border-teal-800 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <header className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <div className="min-w-0 space-y-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-teal-700 dark:text-teal-300">
            {plural(locale, t.heading, grid.columns.length, { shape: gridShape(plan) })}
          </p>
          <ClampedText lines={3} className="text-sm text-slate-900 dark:text-slate-100">
            <span className="sr-only">{t.promptLabel}</span>
            {request.prompt}
          </ClampedText>
          <ClampedText lines={3} className="text-xs text-slate-500 dark:text-slate-400">
            {!varies("model") && format(t.model, { model: getModel(request.model).name })}
            {!varies("seed") && format(t.seed, { seed: grid.seed })}
            {!varies("aspect") && format(t.aspect, { aspect: request.aspect })}
            {plural(locale, t.perCell, request.perCell)}
            {format(t.total, { cost: money(spent) })}
            {earlierImages > 0 && plural(locale, messages.sets.earlierAttempts, earlierImages)}
            {!varies("negative") && request.negativePrompt !== "" && format(t.negativePrompt, { negativePrompt: request.negativePrompt })}
          </ClampedText>
        </div>
        <div className="flex h-9 items-center gap-2 justify-self-end">
          {selection}
          <StarButton starred={grid.starred} busy={update.isPending} onToggle={() => update.mutate({ id: grid.id, starred: !grid.starred })} />
        </div>
      </header>

      <SetProgress set={grid} focusAfter={card} />

      {tables.map((table) => (
        <div key={table.key} className="overflow-x-auto">
          <table className="border-separate border-spacing-1 text-left text-xs">
            <caption className="mb-1 text-left text-sm font-medium text-slate-800 dark:text-slate-200">
              {table.z ? axisValueName(messages.grid, table.z.type, table.z.label) : ""}
              <span className="sr-only">
                {table.y ? format(t.table, { x: messages.grid.axisNames[table.x.type], y: messages.grid.axisNames[table.y.type] }) : format(t.tableOne, { x: messages.grid.axisNames[table.x.type] })}
              </span>
            </caption>
            <thead>
              <tr>
                {table.y && (
                  <th scope="col" className="min-w-20 p-1 font-medium text-slate-500 dark:text-slate-400">
                    {format(t.corner, { x: messages.grid.axisNames[table.x.type], y: messages.grid.axisNames[table.y.type] })}
                  </th>
                )}
                {table.x.labels.map((label, index) => (
                  <th key={index} scope="col" className="max-w-48 p-1 align-bottom font-semibold text-slate-800 dark:text-slate-200">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key}>
                  {row.label !== null && (
                    <th scope="row" className="min-w-20 max-w-40 p-1 align-top font-semibold text-slate-800 dark:text-slate-200">
                      {row.label}
                    </th>
                  )}
                  {row.cells.map(({ index, column }) => (
                    <td key={column.generation.id} className="w-44 min-w-28 sm:min-w-36 rounded-md border border-slate-200 dark:border-slate-700 p-1.5 align-top">
                      <SetCell
                        label={format(t.cell, { name: name(index) })}
                        name={name(index)}
                        openImage={t.openImage}
                        generation={column.generation}
                        notes={column.notes}
                        actions={actions}
                        onRetry={() => retry.mutate({ id: grid.id, column: column.generation.id })}
                        busy={retry.isPending}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      <SetActions set={grid} actions={actions} words={t} error={update.error ?? retry.error}>
        <BuiltFileLink href={`/api/comparisons/${grid.id}/grid`} title={t.downloadHelp} words={t.downloadFile} fallbackName="grid.png">
          {t.download}
        </BuiltFileLink>
        <SetDownloads set={grid} />
        {canPoll(grid) && <PollButton sets={[grid]} prompt={request.prompt} />}
      </SetActions>
    </article>
  );
}
