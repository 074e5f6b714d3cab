import { useQuery } from "@tanstack/react-query";
import type { ReactNode, RefObject } from "react";
import type { HistoryActions } from "@/components/history/actions";
import { ShareButton } from "@/components/history/share-button";
import { useElapsed } from "@/components/history/use-elapsed";
import { format, formatSeconds, plural } from "@/lib/i18n/format";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useCancelSet } from "@/lib/api/comparison";
import { useCancelGeneration } from "@/lib/api/generation";
import { heldByLingering, usageQuery } from "@/lib/api/limits";
import { useLive } from "@/lib/api/live";
import { isHidden } from "@/lib/compare/column-label";
import { clockStart } from "@/lib/generation/clock-start";
import { requestSize } from "@/lib/generation/request-size";
import { endedWithoutImages, isActive, type ComparisonView, type GenerationView } from "@/lib/generation/view";
import { excerpt } from "@/lib/text/well-formed";
import { BuiltFileLink } from "./built-file-link";
import { DeckButton } from "./deck-button";
import { DownloadLink } from "./download-link";
import { CancelRefused } from "@/components/ui/cancel-refused";
import { heightCap, pictureBox } from "@/components/ui/height-cap";

/**
 * The parts the cards of generations made together share (a grid's cells, a batch's rows): how far the set
 * has come with a way to stop what is left, one generation's place with its images or state, and the set's
 * downloads.
 */


/** "4 of 6 made · 1 without an image · 1 running · 0 waiting", and Cancel all while any is unfinished. */
export function SetProgress({ set, focusAfter }: { set: ComparisonView; focusAfter: RefObject<HTMLElement | null> }) {
  const t = useMessages().sets;
  const locale = useLocale();
  // One request for the whole set: stopped on the server in one write, so a reload or a closed tab right
  // after it cannot leave some of them to run (and be billed), as one request per cell could.
  const cancelSet = useCancelSet();
  const usage = useQuery(usageQuery(useLive())).data;
  const statuses = set.columns.map((column) => column.generation.status);
  const active = statuses.filter(isActive).length;
  const queued = statuses.filter((status) => status === "queued").length;
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
      {/* No live region: it would say every cell as it ends (a hundred times for a hundred cells), and every set
          of the history again at a language switch. The run announcer says the set once, when it ends. */}
      <p>
        {format(t.progress, {
          done: statuses.filter((status) => status === "succeeded").length,
          failed: statuses.filter((status) => status !== "succeeded" && !isActive(status)).length,
          cells: statuses.length,
          running: statuses.filter((status) => status === "running").length,
          queued,
        })}
      </p>
      {active > 0 && (
        <ConfirmButton
          label={cancelSet.isPending ? t.cancellingAll : t.cancelAll}
          disabled={cancelSet.isPending}
          question={isHidden(set) ? t.cancelBlindQuestion : plural(locale, t.cancelAllQuestion, active)}
          yes={t.cancelAllYes}
          no={t.cancelAllNo}
          onConfirm={() => {
            cancelSet.mutate(set.id);
            focusAfter.current?.focus();
          }}
        />
      )}
      {queued > 0 && usage && heldByLingering(usage) && <p className="basis-full">{plural(locale, t.heldPlaces, usage.lingering, { max: usage.maxConcurrent })}</p>}
      <CancelRefused error={cancelSet.error} active={active > 0} className="text-xs" />
    </div>
  );
}

/** One generation of a set in its place: its images (each opens the lightbox), or its state; Cancel or Retry. */
export function SetCell({
  label,
  name,
  generation,
  notes,
  actions,
  onRetry,
  busy,
  openImage,
}: {
  /** What the cell is called to a screen reader: "Cell Model: Wan 2.6 · Seed: 7", "Line 3". */
  label: string;
  /** Where it sits, for its buttons and images: "Model: Wan 2.6 · Seed: 7". */
  name: string;
  /** The name of its images' buttons, with `{n}` and `{name}`, where the set's own reads better ("of cell …"). */
  openImage?: string;
  generation: GenerationView;
  notes: readonly string[];
  actions: HistoryActions;
  onRetry: () => void;
  busy: boolean;
}) {
  const { sets: t, common } = useMessages();
  const { working } = common;
  const locale = useLocale();
  const ruleText = useRuleText();
  const cancel = useCancelGeneration();
  const { status } = generation;
  const active = isActive(status);
  const elapsed = useElapsed(clockStart(generation), status === "running");
  const size = requestSize(generation.request);
  return (
    <div role="group" aria-label={label} className="space-y-1">
      {generation.images.length > 0 ? (
        <div className={generation.images.length > 1 ? "grid grid-cols-2 gap-1" : undefined}>
          {generation.images.map((image, index) => (
            <button key={image.id} type="button" className="mx-auto block w-full" style={heightCap(image)} aria-label={format(openImage ?? t.openImage, { n: index + 1, name })} onClick={() => actions.openImage(generation, image)}>
              {/* eslint-disable-next-line @next/next/no-img-element -- small stored thumbnails served by the app */}
              <img src={image.thumbSrc} width={image.width} height={image.height} loading="lazy" alt={excerpt(image.revisedPrompt || generation.request.prompt, 120)} className="h-auto w-full rounded ring-1 ring-slate-200 dark:ring-slate-700" />
            </button>
          ))}
        </div>
      ) : active ? (
        <div className="mx-auto w-full motion-safe:animate-pulse rounded bg-slate-200 dark:bg-slate-700" style={pictureBox(size)} />
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
          <Button size="sm" onClick={() => cancel.mutate(generation.id)} disabled={cancel.isPending} reason={working} aria-label={format(t.cancelCell, { name })}>
            {t.cancel}
          </Button>
        )}
        {endedWithoutImages(status) && (
          <Button size="sm" onClick={onRetry} disabled={busy} reason={working} aria-label={format(t.retryCell, { name })}>
            {t.retry}
          </Button>
        )}
      </div>
      <CancelRefused error={cancel.error} active={active} className="text-[11px]" />
      {generation.error && <p className="text-[11px] text-red-700 dark:text-red-300">{ruleText(generation.error.message)}</p>}
      {notes.length > 0 && <p className="text-[11px] text-slate-500 dark:text-slate-400">{notes.map(ruleText).join(" ")}</p>}
    </div>
  );
}

/** The words of a set card's buttons, in the interface's language (each kind says "comparison", "grid", "batch"). */
export type SetActionWords = {
  readonly present: string;
  readonly reuse: string;
  readonly reuseNewSeed: string;
  readonly delete: string;
  readonly deleteQuestion: { readonly one: string; readonly other: string };
  readonly deleteYes: string;
  readonly deleteNo: string;
};

/**
 * A set card's buttons: `before` them (a reveal), Present, Share, Reuse settings (with the seeds it used, or
 * new ones), `children` (downloads), and Delete, asked first: a set holds many billed images. Then the
 * refusal of whatever the card last asked, in words.
 */
export function SetActions({
  set,
  actions,
  words,
  before,
  children,
  error,
}: {
  set: ComparisonView;
  actions: HistoryActions;
  words: SetActionWords;
  before?: ReactNode;
  children?: ReactNode;
  error: { readonly message: string } | null | undefined;
}) {
  const locale = useLocale();
  const ruleText = useRuleText();
  return (
    <>
      <div className="flex flex-wrap gap-2">
        {before}
        <Button onClick={() => actions.present([set])}>{words.present}</Button>
        <ShareButton entries={[{ kind: "comparison", id: set.id }]} title={excerpt(set.request.prompt, 80)} />
        <Button onClick={() => actions.reuseSettings(set, "used")}>{words.reuse}</Button>
        <Button onClick={() => actions.reuseSettings(set, "new")}>{words.reuseNewSeed}</Button>
        {children}
        <ConfirmButton
          variant="danger"
          label={words.delete}
          question={plural(locale, words.deleteQuestion, set.columns.reduce((sum, column) => sum + column.generation.images.length, 0))}
          yes={words.deleteYes}
          no={words.deleteNo}
          onConfirm={() => actions.remove(set)}
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {ruleText(error.message)}
        </p>
      )}
    </>
  );
}

/**
 * The whole set to take away: a slide deck, its images as a zip (with its manifest), its results as CSV, or a
 * contact sheet. `hidden`: a blind comparison not yet revealed, whose files would name its models: the deck
 * alone, which shows it under its letters.
 */
export function SetDownloads({ set, hidden = false }: { set: ComparisonView; hidden?: boolean }) {
  const t = useMessages().sets;
  const deck = <DeckButton href={`/api/comparisons/${set.id}/deck`} />;
  if (hidden) return deck;
  return (
    <>
      {deck}
      <DownloadLink href={`/api/comparisons/${set.id}/zip`} title={t.zipHelp}>
        {t.zip}
      </DownloadLink>
      <DownloadLink href={`/api/comparisons/${set.id}/csv`} title={t.csvHelp}>
        {t.csv}
      </DownloadLink>
      <BuiltFileLink href={`/api/comparisons/${set.id}/contact-sheet`} title={t.contactSheetHelp} words={t.sheetFile} fallbackName="contact-sheet.png">
        {t.contactSheet}
      </BuiltFileLink>
    </>
  );
}
