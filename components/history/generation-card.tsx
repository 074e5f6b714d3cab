import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { CodeDialog } from "@/components/lazy";
import { Button } from "@/components/ui/button";
import { ClampedText } from "@/components/ui/clamped-text";
import { generationQuery, useCancelGeneration, useStarGeneration } from "@/lib/api/generation";
import { useUsageAfter } from "@/lib/api/limits";
import { useLive } from "@/lib/api/live";
import { clockStart } from "@/lib/generation/clock-start";
import { requestSize } from "@/lib/generation/request-size";
import { isActive, type ChainStep, type GenerationView } from "@/lib/generation/view";
import type { Size } from "@/lib/models/size-rules";
import { format, formatSeconds } from "@/lib/i18n/format";
import { modelName } from "@/lib/models/model-name";
import type { HistoryActions } from "./actions";
import { CopyButton } from "./copy-button";
import { AnswerNotices, ErrorReport } from "./gateway-report";
import { ResultImages } from "./result-images";
import { ShareButton } from "./share-button";
import { StarButton } from "./star-button";
import { SettingsList } from "./settings-list";
import { RunProgress } from "./run-progress";
import { useElapsed } from "./use-elapsed";
import { excerpt } from "@/lib/text/well-formed";
import { CancelRefused } from "@/components/ui/cancel-refused";
import { pictureBox } from "@/components/ui/height-cap";

export function GenerationCard({ initial, actions, selection }: { initial: GenerationView; actions: HistoryActions; selection: React.ReactNode }) {
  const messages = useMessages();
  const ruleText = useRuleText();
  const t = messages.history;
  const edit = messages.edit.card;
  const live = useLive();
  const { data: generation } = useQuery(generationQuery(initial, live));
  const cancel = useCancelGeneration();
  const star = useStarGeneration();
  const [showCode, setShowCode] = useState(false);
  const card = useRef<HTMLElement>(null);
  const { request, status } = generation;
  const running = isActive(status);
  const elapsed = useElapsed(clockStart(generation), running);
  useUsageAfter(running, live);
  const firstRevised = generation.images.find((image) => image.revisedPrompt !== "")?.revisedPrompt;

  return (
    <article
      ref={card}
      id={`generation-${generation.id}`}
      tabIndex={-1}
      aria-label={format(t.card.name, { model: modelName(request.model), prompt: excerpt(request.prompt, 60) })}
      className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      {/* The prompt over the controls on a phone, beside them where there is room: never squeezed into a column. */}
      <header className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <div className="min-w-0 text-sm text-slate-900 dark:text-slate-100">
          <ClampedText lines={3}>
            {generation.input && <span className="mr-2 rounded bg-violet-100 dark:bg-violet-900/50 px-1.5 py-0.5 text-xs font-medium text-violet-800 dark:text-violet-200">{edit.badge}</span>}
            <span className="sr-only">{t.card.promptLabel}</span>
            {request.prompt}
          </ClampedText>
        </div>
        {/* Wraps (the star goes under) where the row does not fit, at 320 px, rather than squeeze its labels mid-word. */}
        <div className="flex flex-wrap items-center justify-end gap-2 justify-self-end">
          {selection}
          {/* One width for "timer + Cancel" and for the badge that replaces them: nothing moves when it ends. */}
          <div className="flex h-9 w-32 items-center justify-end gap-2">
          {running ? (
            <>
              <span role="timer" aria-label={t.card.elapsed} className="whitespace-nowrap text-sm tabular-nums text-slate-600 dark:text-slate-400">
                {formatSeconds(elapsed)}
              </span>
              <Button
                variant="danger"
                onClick={() => {
                  cancel.mutate(generation.id);
                  // The Cancel button is about to disappear; the card keeps the keyboard's place.
                  card.current?.focus();
                }}
                disabled={cancel.isPending}
              >
                {t.card.cancel}
              </Button>
            </>
          ) : (
            <StatusBadge status={status} />
          )}
          </div>
          <StarButton starred={generation.starred} busy={star.isPending} onToggle={() => star.mutate({ id: generation.id, starred: !generation.starred })} />
        </div>
      </header>

      <CancelRefused error={cancel.error} active={running} />
      {star.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {ruleText(star.error.message)}
        </p>
      )}
      {generation.input && <Chain generation={generation} onStep={actions.showStep} />}
      {running && <Placeholders size={requestSize(request)} n={request.n} progress={<RunProgress generation={generation} elapsed={elapsed} />} />}
      {status === "succeeded" && <ResultImages generation={generation} onOpen={(image) => actions.openImage(generation, image)} onEdit={actions.editImage} />}
      <AnswerNotices notices={generation.notices} />
      {generation.error && <ErrorReport generation={generation} text={ruleText(generation.error.message)} />}
      {status === "cancelled" && generation.finishedAt !== null && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {format(t.card.cancelledAfter, { time: formatSeconds(generation.finishedAt - generation.createdAt) })}
        </p>
      )}

      <SettingsList generation={generation} />

      <div className="flex flex-wrap gap-2">
        {(status === "failed" || status === "interrupted" || status === "cancelled") && (
          <Button variant="primary" onClick={() => actions.retry(generation)}>
            {t.card.retry}
          </Button>
        )}
        <Button onClick={() => actions.reuseSettings(generation, "used")} help={t.card.reuseSettingsHelp}>
          {t.card.reuseSettings}
        </Button>
        <Button onClick={() => actions.reuseSettings(generation, "new")}>{t.card.reuseNewSeed}</Button>
        {/* Every action is there from the start, disabled with its reason until it applies: the row never
            reflows when the result arrives (no layout shift), and nothing appears from nowhere. */}
        <Button onClick={() => actions.reuseSeed(generation.seed ?? 0, generation)} disabled={generation.seed === null} reason={t.card.noSeedYet}>
          {t.card.reuseSeed}
        </Button>
        <Button
          onClick={() => firstRevised && actions.usePrompt(firstRevised, generation)}
          disabled={!firstRevised}
          reason={running ? t.card.revisedComesLater : t.card.noRevisedPromptReturned}
        >
          {t.card.useRevisedPrompt}
        </Button>
        <CopyButton text={request.prompt} label={t.card.copyPrompt} />
        <Button onClick={() => setShowCode(true)} disabled={generation.seed === null} reason={t.card.noSeedYet}>
          {t.card.copyAsCode}
        </Button>
        <Button
          onClick={() => actions.present([generation])}
          disabled={generation.images.length === 0}
          reason={running ? t.card.nothingToPresentYet : t.card.noImages}
        >
          {t.card.present}
        </Button>
        <ShareButton entries={[{ kind: "generation", id: generation.id }]} title={excerpt(request.prompt, 80)} />
        <Button variant="danger" onClick={() => actions.remove(generation)}>
          {t.card.delete}
        </Button>
      </div>

      {showCode && <CodeDialog generation={generation} onClose={() => setShowCode(false)} />}
    </article>
  );
}

/** Where an edit came from: each earlier step whose result the next one edited, then this one. */
function Chain({ generation, onStep }: { generation: GenerationView; onStep: (step: ChainStep) => void }) {
  const t = useMessages().edit.card;
  const { chain } = generation;
  if (chain.length === 0) return null;
  return (
    // A labelled list, not a <nav>: a page of edits would otherwise hold many landmarks of one name.
    <ol aria-label={t.chain} className="flex flex-wrap items-center gap-x-1 gap-y-0.5 text-xs text-slate-600 dark:text-slate-400">
      {chain.map((step, index) => {
        const words = { n: index + 1, prompt: excerpt(step.prompt, 40) };
        return (
          <li key={step.generationId} className="after:ml-1 after:content-['→']">
            {step.exists ? (
              <a
                href={`#generation-${step.generationId}`}
                onClick={(event) => {
                  event.preventDefault();
                  onStep(step);
                }}
                className="text-indigo-700 dark:text-indigo-300 underline"
              >
                {format(t.step, words)}
              </a>
            ) : (
              format(t.deletedStep, words)
            )}
          </li>
        );
      })}
      <li aria-current="step" className="font-medium text-slate-800 dark:text-slate-200">
        {format(t.thisStep, { n: chain.length + 1 })}
      </li>
    </ol>
  );
}

/** Where the images will be, of their size; the first one's text column tells how the run is going. */
function Placeholders({ size, n, progress }: { size: Size; n: number; progress: React.ReactNode }) {
  const t = useMessages().history;
  return (
    <ul className="grid gap-4" aria-label={t.card.generating}>
      {Array.from({ length: n }, (_, index) => (
        <li key={index} className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="mx-auto w-full motion-safe:animate-pulse rounded-md border border-slate-200 dark:border-slate-700 bg-slate-200 dark:bg-slate-700" style={pictureBox(size)} />
          {index === 0 ? (
            progress
          ) : (
            <div className="space-y-2">
              <div className="h-3 w-24 rounded bg-slate-200 dark:bg-slate-700" />
              <div className="h-3 w-full rounded bg-slate-100 dark:bg-slate-800" />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

const BADGE_CLASSES = {
  succeeded: "bg-emerald-100 dark:bg-emerald-900/50 text-emerald-800 dark:text-emerald-200",
  failed: "bg-red-100 dark:bg-red-900/50 text-red-800 dark:text-red-200",
  cancelled: "bg-slate-200 dark:bg-slate-700 text-slate-700 dark:text-slate-300",
  interrupted: "bg-amber-100 dark:bg-amber-900/50 text-amber-800 dark:text-amber-200",
} as const;

function StatusBadge({ status }: { status: keyof typeof BADGE_CLASSES }) {
  const t = useMessages().history;
  // Whole on its line: beside a long model name in a narrow column, the name wraps, not "Don/e".
  return <span className={`shrink-0 whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${BADGE_CLASSES[status]}`}>{t.status[status]}</span>;
}
