import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import type { HistoryActions } from "@/components/history/actions";
import { ShareButton } from "@/components/history/share-button";
import { StarButton } from "@/components/history/star-button";
import { formatSeconds, useElapsed } from "@/components/history/use-elapsed";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { useCost } from "@/components/pricing/prices";
import { Button } from "@/components/ui/button";
import { ClampedText } from "@/components/ui/clamped-text";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { comparisonQuery, useRetryColumn, useUpdateComparison } from "@/lib/api/comparisons";
import { useCancelGeneration } from "@/lib/api/generations";
import { useUsageAfter } from "@/lib/api/limits";
import { useLive } from "@/lib/api/live";
import { requestSize } from "@/lib/generation/request-size";
import { isActive, type ComparisonView, type GenerationView } from "@/lib/generation/view";
import { gridTables, gridShape } from "@/lib/grid/grid-layout";
import type { GridRequest } from "@/lib/grid/grid-request";
import { cellName, planGrid, type AxisType } from "@/lib/grid/grid-plan";
import { format, plural } from "@/lib/i18n/format";
import { getModel } from "@/lib/models/registry";
import { excerpt } from "@/lib/text/well-formed";

type Grid = ComparisonView<GridRequest>;

/** A grid in the history: a labelled table per value of the third axis, cells filling in as they finish. */
export function GridCard({ initial, actions, selection }: { initial: Grid; actions: HistoryActions; selection: React.ReactNode }) {
  const messages = useMessages();
  const t = messages.grid.card;
  const locale = useLocale();
  const ruleText = useRuleText();
  const live = useLive();
  // The query of this id only ever holds this grid.
  const grid = useQuery(comparisonQuery(initial, live)).data as Grid;
  const update = useUpdateComparison();
  const retry = useRetryColumn();
  const cancel = useCancelGeneration();
  const cost = useCost();
  const card = useRef<HTMLElement>(null);
  const { request } = grid;
  const plan = useMemo(() => planGrid(request, grid.seed, messages.grid.values), [request, grid.seed, messages.grid.values]);
  const tables = gridTables(plan, grid.columns);
  const statuses = grid.columns.map((column) => column.generation.status);
  const active = statuses.filter(isActive).length;
  useUsageAfter(active > 0, live);
  const spent = grid.columns.reduce(
    (sum, { generation }) => sum + cost.of(generation.request.model, isActive(generation.status) ? generation.request.n : (generation.billedImages ?? generation.images.length)),
    0,
  );
  const name = (index: number) => cellName(plan, { at: plan.cells[index]?.at ?? [] }, messages.grid.axisNames);
  const varies = (type: AxisType) => request.axes.some((axis) => axis.type === type);

  return (
    <article
      ref={card}
      tabIndex={-1}
      aria-label={format(t.label, { count: grid.columns.length, prompt: excerpt(request.prompt, 60) })}
      aria-busy={active > 0}
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
            {format(t.total, { cost: cost.money(spent) })}
            {!varies("negative") && request.negativePrompt !== "" && format(t.negativePrompt, { negativePrompt: request.negativePrompt })}
          </ClampedText>
        </div>
        <div className="flex h-9 items-center gap-2 justify-self-end">
          {selection}
          <StarButton starred={grid.starred} onToggle={() => update.mutate({ id: grid.id, starred: !grid.starred })} />
        </div>
      </header>

      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
        <p role="status">
          {format(t.progress, {
            done: statuses.filter((status) => status === "succeeded").length,
            failed: statuses.filter((status) => status !== "succeeded" && !isActive(status)).length,
            cells: statuses.length,
            running: statuses.filter((status) => status === "running").length,
            queued: statuses.filter((status) => status === "queued").length,
          })}
        </p>
        {active > 0 && (
          <ConfirmButton
            label={t.cancelAll}
            question={plural(locale, t.cancelAllQuestion, active)}
            yes={t.cancelAllYes}
            no={t.cancelAllNo}
            onConfirm={() => {
              // The queued ones first, so none of them is claimed while the running ones are stopped.
              const order = [...grid.columns].sort((a, b) => Number(b.generation.status === "queued") - Number(a.generation.status === "queued"));
              for (const { generation } of order) if (isActive(generation.status)) cancel.mutate(generation.id);
              card.current?.focus();
            }}
          />
        )}
      </div>

      {tables.map((table) => (
        <div key={table.key} className="overflow-x-auto">
          <table className="border-separate border-spacing-1 text-left text-xs">
            <caption className="mb-1 text-left text-sm font-medium text-slate-800 dark:text-slate-200">
              {table.z ? format(t.tableZ, { name: messages.grid.axisNames[table.z.type], value: table.z.label }) : ""}
              <span className="sr-only">
                {table.y ? format(t.table, { x: messages.grid.axisNames[table.x.type], y: messages.grid.axisNames[table.y.type] }) : format(t.tableOne, { x: messages.grid.axisNames[table.x.type] })}
              </span>
            </caption>
            <thead>
              <tr>
                {table.y && (
                  <th scope="col" className="p-1 font-medium text-slate-500 dark:text-slate-400">
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
                    <th scope="row" className="max-w-40 p-1 align-top font-semibold text-slate-800 dark:text-slate-200">
                      {row.label}
                    </th>
                  )}
                  {row.cells.map(({ index, column }) => (
                    <td key={column.generation.id} className="w-44 min-w-36 rounded-md border border-slate-200 dark:border-slate-700 p-1.5 align-top">
                      <Cell
                        name={name(index)}
                        generation={column.generation}
                        notes={column.notes}
                        errorText={column.generation.error ? ruleText(column.generation.error.message) : null}
                        actions={actions}
                        onRetry={() => retry.mutate({ id: grid.id, column: column.generation.id })}
                        onCancel={() => cancel.mutate(column.generation.id)}
                        busy={retry.isPending || cancel.isPending}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      <div className="flex flex-wrap gap-2">
        <Button onClick={() => actions.present([grid])}>{t.present}</Button>
        <ShareButton entries={[{ kind: "comparison", id: grid.id }]} title={excerpt(request.prompt, 80)} />
        <Button onClick={() => actions.reuseSettings(grid, "used")}>{t.reuse}</Button>
        <Button onClick={() => actions.reuseSettings(grid, "new")}>{t.reuseNewSeed}</Button>
        <a href={`/api/comparisons/${grid.id}/grid`} download title={t.downloadHelp} className="inline-flex items-center rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50 dark:hover:bg-slate-800">
          {t.download}
        </a>
        <ConfirmButton
          variant="danger"
          label={t.delete}
          question={plural(locale, t.deleteQuestion, grid.columns.reduce((sum, column) => sum + column.generation.images.length, 0))}
          yes={t.deleteYes}
          no={t.deleteNo}
          onConfirm={() => actions.remove(grid)}
        />
      </div>
      {(update.error ?? retry.error ?? cancel.error) && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {ruleText((update.error ?? retry.error ?? cancel.error)?.message ?? "")}
        </p>
      )}
    </article>
  );
}

function Cell({
  name,
  generation,
  notes,
  errorText,
  actions,
  onRetry,
  onCancel,
  busy,
}: {
  name: string;
  generation: GenerationView;
  notes: readonly string[];
  errorText: string | null;
  actions: HistoryActions;
  onRetry: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const messages = useMessages();
  const t = messages.grid.card;
  const locale = useLocale();
  const ruleText = useRuleText();
  const { status } = generation;
  const active = isActive(status);
  const elapsed = useElapsed(generation.createdAt, status === "running");
  const size = requestSize(generation.request);
  return (
    <div role="group" aria-label={format(t.cell, { name })} className="space-y-1">
      {generation.images.length > 0 ? (
        <div className={generation.images.length > 1 ? "grid grid-cols-2 gap-1" : undefined}>
          {generation.images.map((image, index) => (
            <button key={image.id} type="button" className="block w-full" aria-label={format(t.openImage, { n: index + 1, name })} onClick={() => actions.openImage(generation, image)}>
              {/* eslint-disable-next-line @next/next/no-img-element -- small stored thumbnails served by the app */}
              <img src={image.thumbSrc} width={image.width} height={image.height} loading="lazy" alt={excerpt(image.revisedPrompt || generation.request.prompt, 120)} className="h-auto w-full rounded border border-slate-200 dark:border-slate-700" />
            </button>
          ))}
        </div>
      ) : active ? (
        <div className="w-full animate-pulse rounded bg-slate-200 dark:bg-slate-700" style={{ aspectRatio: `${size.width} / ${size.height}` }} />
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-1">
        <span className="text-[11px] text-slate-600 dark:text-slate-400">
          {status === "queued"
            ? generation.queuedAhead
              ? plural(locale, t.queuedAhead, generation.queuedAhead)
              : t.queued
            : status === "running"
              ? `${t.running} ${formatSeconds(elapsed)}`
              : status === "succeeded"
                ? ""
                : t.status[status]}
        </span>
        {active && (
          <Button size="sm" onClick={onCancel} disabled={busy} aria-label={`${t.cancel}: ${name}`}>
            {t.cancel}
          </Button>
        )}
        {!active && status !== "succeeded" && (
          <Button size="sm" onClick={onRetry} disabled={busy} aria-label={`${t.retry}: ${name}`}>
            {t.retry}
          </Button>
        )}
      </div>
      {errorText && <p className="text-[11px] text-red-700 dark:text-red-300">{errorText}</p>}
      {notes.length > 0 && <p className="text-[11px] text-slate-500 dark:text-slate-400">{notes.map(ruleText).join(" ")}</p>}
    </div>
  );
}
