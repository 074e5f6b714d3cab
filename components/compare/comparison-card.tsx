import { useRef } from "react";
import type { HistoryActions } from "@/components/history/actions";
import { AnswerNotices, ErrorReport } from "@/components/history/gateway-report";
import { ImageResult, RevisedPrompt } from "@/components/history/image-result";
import { canPoll } from "@/lib/polls/can-poll";
import { PollButton } from "@/components/polls/poll-button";
import { SetActions, SetDownloads, SetProgress } from "@/components/sets/set-parts";
import { StarButton } from "@/components/history/star-button";
import { RunProgress } from "@/components/history/run-progress";
import { useElapsed } from "@/components/history/use-elapsed";
import { format, formatSeconds, plural } from "@/lib/i18n/format";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ClampedText } from "@/components/ui/clamped-text";
import { useCancelGeneration } from "@/lib/api/generation";
import { blindText, columnLabel, isHidden } from "@/lib/compare/column-label";
import { clockStart } from "@/lib/generation/clock-start";
import { requestSize } from "@/lib/generation/request-size";
import { sharedRevisedPrompt } from "@/lib/generation/shared-revised";
import type { CompareRequest } from "@/lib/compare/compare-request";
import { isActive, type ComparisonView, type GenerationView } from "@/lib/generation/view";
import { aspectLabel, formatSize } from "@/lib/models/size-rules";
import { excerpt } from "@/lib/text/well-formed";
import { useSetCard } from "@/components/sets/use-set-card";
import { CancelRefused } from "@/components/ui/cancel-refused";
import { pictureBox } from "@/components/ui/height-cap";

const GRID = { 2: "md:grid-cols-2", 3: "md:grid-cols-3", 4: "md:grid-cols-2 xl:grid-cols-4" } as const;

/** A comparison in the history: one column per model, each filling in as its model finishes. */
export function ComparisonCard({ initial, actions, selection }: { initial: ComparisonView<CompareRequest>; actions: HistoryActions; selection: React.ReactNode }) {
  const { compare, sets } = useMessages();
  const t = compare.card;
  const locale = useLocale();
  const ruleText = useRuleText();
  const { set: comparison, refetch, update, retry, card, spent, earlierImages, money } = useSetCard(initial);
  const hidden = isHidden(comparison);
  const { request } = comparison;
  const grid = GRID[comparison.columns.length as keyof typeof GRID] ?? "md:grid-cols-2";

  // What each model was asked for: fewer than the form's count where a model makes fewer (a blind comparison
  // asks every model for the fewest any allows); where they differ, each column's note says so.
  const counts = new Set(comparison.columns.map((column) => column.generation.request.n));
  const perModel = counts.size === 1 ? [...counts][0] ?? request.perModel : request.perModel;
  return (
    <article
      ref={card}
      tabIndex={-1}
      aria-label={format(t.label, { count: comparison.columns.length, prompt: excerpt(request.prompt, 60) })}
      className="space-y-3 rounded-lg border border-indigo-200 dark:border-indigo-800 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <header className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <div className="min-w-0 space-y-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-indigo-700 dark:text-indigo-300">
            {format(request.blind ? (hidden ? t.heading.blind : t.heading.revealed) : t.heading.open, { count: comparison.columns.length })}
          </p>
          <ClampedText lines={3} className="text-sm text-slate-900 dark:text-slate-100">
            <span className="sr-only">{t.promptLabel}</span>
            {request.prompt}
          </ClampedText>
          <ClampedText lines={3} className="text-xs text-slate-500 dark:text-slate-400">
            {plural(locale, t.settings, perModel, { seed: comparison.seed, aspect: request.aspect })}
            {format(t.total, { cost: money(spent) })}
            {earlierImages > 0 && plural(locale, sets.earlierAttempts, earlierImages)}
            {request.negativePrompt !== "" && format(t.negativePrompt, { negativePrompt: request.negativePrompt })}
          </ClampedText>
        </div>
        <div className="flex h-9 items-center gap-2 justify-self-end">
          {selection}
          <StarButton starred={comparison.starred} busy={update.isPending} onToggle={() => update.mutate({ id: comparison.id, starred: !comparison.starred })} />
        </div>
      </header>

      {hidden && <SetProgress set={comparison} focusAfter={card} />}
      <ol className={`grid gap-4 ${grid}`}>
        {comparison.columns.map((column, index) => (
          <Column
            // By place: a column tried again is a new generation in the same place, and keeps the focus it was given.
            key={index}
            label={columnLabel(comparison, index, compare.blindModel)}
            generation={column.generation}
            notes={hidden ? [] : column.notes}
            errorText={column.generation.error ? blindText(comparison, ruleText(column.generation.error.message), compare.blindModel) : null}
            hidden={hidden}
            actions={actions}
            onCancelled={() => void refetch()}
            onRetry={() => retry.mutate({ id: comparison.id, column: column.generation.id })}
            retrying={retry.isPending}
          />
        ))}
      </ol>

      <SetActions
        set={comparison}
        actions={actions}
        words={t}
        error={update.error ?? retry.error}
        before={
          hidden && (
            // Asked first: a reveal cannot be taken back.
            <ConfirmButton
              variant="primary"
              label={t.reveal}
              question={t.revealQuestion}
              yes={t.revealYes}
              no={t.revealNo}
              disabled={update.isPending}
              onConfirm={() => {
                update.mutate({ id: comparison.id, revealed: true });
                // The button goes away with the secret: the card keeps the keyboard's place.
                card.current?.focus();
              }}
            />
          )
        }
      >
        <SetDownloads set={comparison} hidden={hidden} />
        {canPoll(comparison) && <PollButton sets={[comparison]} prompt={request.prompt} />}
      </SetActions>
    </article>
  );
}

function Column({
  label,
  generation,
  notes,
  hidden,
  actions,
  onCancelled,
  onRetry,
  retrying,
  errorText,
}: {
  label: string;
  generation: GenerationView;
  notes: readonly string[];
  hidden: boolean;
  actions: HistoryActions;
  onCancelled: () => void;
  onRetry: () => void;
  retrying: boolean;
  /** The failure in words, with model names hidden while the comparison is blind. */
  errorText: string | null;
}) {
  const ruleText = useRuleText();
  const messages = useMessages();
  const t = messages.compare.card;
  const cancel = useCancelGeneration();
  const item = useRef<HTMLLIElement>(null);
  const { request, status } = generation;
  // Blind, every image says its revised prompt waits for the reveal.
  const shared = hidden ? null : sharedRevisedPrompt(generation.images);
  const active = isActive(status);
  const elapsed = useElapsed(clockStart(generation), active);
  return (
    <li ref={item} tabIndex={-1} aria-label={label} className="min-w-0 space-y-2 rounded-md border border-slate-200 dark:border-slate-700 p-3">
      {/* The timer and Cancel, or the badge, beside the name where the column has room and under it where not.
          Their words stay whole: the page breaks people's text anywhere it must (globals.css), and a squeezed
          "Cancel" would break there too. */}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold">{label}</h3>
          {!hidden && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {formatSize(requestSize(request))} ({aspectLabel(requestSize(request))}){generation.durationMs !== null && ` · ${formatSeconds(generation.durationMs)}`}
            </p>
          )}
        </div>
        {active ? (
          <div className="flex items-center gap-2">
            <span role="timer" aria-label={format(t.elapsed, { label })} className="whitespace-nowrap text-xs tabular-nums text-slate-600 dark:text-slate-400">
              {formatSeconds(elapsed)}
            </span>
            {/* Blind, a column's own Cancel would tell: one that had already finished would stay "running". The card cancels them all. */}
            {!hidden && (
              <Button size="sm" className="whitespace-nowrap" onClick={() => {
                  cancel.mutate(generation.id, { onSuccess: onCancelled });
                  item.current?.focus();
                }} disabled={cancel.isPending}>
                {t.cancel}
              </Button>
            )}
          </div>
        ) : (
          <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${status === "succeeded" ? "bg-emerald-100 dark:bg-emerald-900/50 text-emerald-800 dark:text-emerald-200" : "bg-red-100 dark:bg-red-900/50 text-red-800 dark:text-red-200"}`}>
            {t.status[status]}
          </span>
        )}
      </div>
      {/* Blind: a model's usual time or way of answering would give it away. */}
      {active && !hidden && <RunProgress generation={generation} elapsed={elapsed} />}
      {active && (
        // Its words as text: an aria-label on a plain box is not read.
        <div
          className="mx-auto w-full motion-safe:animate-pulse rounded-md border border-slate-200 dark:border-slate-700 bg-slate-200 dark:bg-slate-700"
          style={pictureBox(requestSize(request))}
        >
          <span className="sr-only">{format(status === "queued" ? t.queued : t.generating, { label })}</span>
        </div>
      )}
      {generation.images.length > 0 && (
        <ul className="grid gap-3">
          {generation.images.map((image, index) => (
            <ImageResult
              key={image.id}
              image={image}
              index={index}
              count={generation.images.length}
              prompt={request.prompt}
              onOpen={() => actions.openImage(generation, image)}
              stacked
              blind={hidden}
              ownRevised={shared === null}
              {...(!hidden && { onEdit: () => actions.editImage(image) })}
            />
          ))}
        </ul>
      )}
      {shared !== null && <RevisedPrompt revised={shared} prompt={request.prompt} heading={format(messages.history.image.revisedPromptAll, { count: generation.images.length })} />}
      <CancelRefused error={cancel.error} active={active} />
      <AnswerNotices notices={generation.notices} />
      {errorText && <ErrorReport generation={generation} text={errorText} />}
      {notes.length > 0 && (
        <ul className="ml-4 list-disc text-xs text-slate-500 dark:text-slate-400">
          {notes.map((note) => (
            <li key={note}>{ruleText(note)}</li>
          ))}
        </ul>
      )}
      {!active && status !== "succeeded" && (
        <Button
          size="sm"
          onClick={() => {
            onRetry();
            item.current?.focus();
          }}
          disabled={retrying}
        >
          {t.retry}
        </Button>
      )}
    </li>
  );
}
