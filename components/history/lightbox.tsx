import { useRef, useState, type CSSProperties } from "react";
import { BeforeAfter } from "@/components/edit/before-after";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ClampedText } from "@/components/ui/clamped-text";
import { useBackCloses } from "@/components/ui/use-back-closes";
import { useEndFocus } from "@/components/ui/use-end-focus";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import type { GenerationView, ImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { excerpt } from "@/lib/text/well-formed";
import type { HistoryActions } from "./actions";
import { CopyButton } from "./copy-button";
import { SettingsList } from "./settings-list";

/** One image the lightbox can show, with what it may say about it. */
export type LightboxEntry = {
  readonly generation: GenerationView;
  readonly image: ImageView;
  /** A comparison column's label ("Model B" while blind). */
  readonly title?: string;
  /** A blind comparison's image: nothing that names the model (settings, reuse) until it is revealed. */
  readonly hideSettings?: boolean;
};

/** Keys the lightbox leaves alone: they belong to the control that has focus (the before/after slider, say). */
const OWN_KEYS = "input, textarea, select, [role='slider']";

/**
 * The full-size image with everything known about it, and the way to the next one: the arrow keys and the
 * Previous and Next buttons move through the result's images and on across the history's. The image keeps
 * its place while the text beside it (under it on a phone) scrolls. A native modal <dialog>: it traps
 * focus, closes on Escape and gives focus back to the thumbnail that opened it.
 */
export function Lightbox({
  entries,
  index,
  onIndex,
  onPastEnd,
  note,
  actions,
  onClose,
}: {
  entries: readonly LightboxEntry[];
  index: number;
  onIndex: (index: number) => void;
  /** More lies past the last entry (a page of the history not loaded yet): Next there asks for it, rather than do nothing. */
  onPastEnd?: (() => void) | undefined;
  /** Said with the image's place (the next page on its way, say). */
  note?: string | null | undefined;
  actions: HistoryActions;
  onClose: () => void;
}) {
  const messages = useMessages();
  const t = messages.history;
  const closeButton = useRef<HTMLButtonElement>(null);
  // Not the first control, Previous, which does nothing at the first image: Close always acts.
  const dialog = useModalDialog(closeButton);
  useBackCloses(dialog.close);
  const previous = index > 0 ? index - 1 : null;
  const next = index < entries.length - 1 ? index + 1 : null;
  const atStart = previous === null;
  const atEnd = next === null && !onPastEnd;
  const goNext = () => (next === null ? onPastEnd?.() : onIndex(next));
  const ends = useEndFocus({ atStart, atEnd }, closeButton);
  const entry = entries[index];
  const another = useAnotherResult(entry);
  if (!entry) return null;
  const { generation, image, title, hideSettings = false } = entry;
  const position = { index: generation.images.findIndex((candidate) => candidate.id === image.id) + 1, count: generation.images.length };

  return (
    <dialog
      ref={dialog.ref}
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.target instanceof Element && event.target.closest(OWN_KEYS)) return;
        if (event.key === "ArrowRight" && !atEnd) {
          event.preventDefault();
          goNext();
        } else if (event.key === "ArrowLeft" && previous !== null) {
          event.preventDefault();
          onIndex(previous);
        }
      }}
      aria-label={title ? format(t.lightbox.titledLabel, { ...position, title }) : format(t.lightbox.label, position)}
      className="m-auto h-[95vh] w-[min(1400px,96vw)] overflow-hidden rounded-lg bg-white dark:bg-slate-900 p-0 text-slate-900 dark:text-slate-100 shadow-2xl backdrop:bg-slate-900/80"
    >
      <div className="grid h-full grid-rows-[auto_minmax(0,1fr)] md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] md:grid-rows-1">
        <div className="flex min-h-0 items-center justify-center bg-slate-100 dark:bg-slate-950 p-2">
          {generation.input ? (
            // An edit at full size, before and after, so a small change (a word of text) can be read.
            // As tall as a plain image may be (under the details on a phone, beside them from md up), less the slider's own row.
            <div className="w-full max-w-[calc(45vh*var(--ratio))] md:max-w-[calc((95vh_-_4rem)*var(--ratio))]" style={{ "--ratio": image.width / image.height } as CSSProperties}>
              {/* Keyed: the next image's slider starts in the middle, not where this one was left. */}
              <BeforeAfter key={image.id} before={generation.input} after={image} index={position.index - 1} count={position.count} prompt={generation.request.prompt} full />
            </div>
          ) : (
            // eslint-disable-next-line @next/next/no-img-element -- stored originals of any size, served by the app
            <img
              key={image.id}
              src={image.src}
              width={image.width}
              height={image.height}
              alt={format(t.lightbox.alt, { prompt: excerpt(generation.request.prompt, 120) })}
              className="h-auto max-h-[45vh] w-auto max-w-full rounded object-contain md:max-h-[calc(95vh-1rem)]"
            />
          )}
        </div>
        <div className="min-h-0 space-y-3 overflow-y-auto p-4 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex items-center gap-2">
              <Button ref={ends.previous} onClick={() => previous !== null && onIndex(previous)} disabled={atStart} reason={t.lightbox.first}>
                {t.lightbox.previous}
              </Button>
              <Button ref={ends.next} onClick={goNext} disabled={atEnd} reason={t.lightbox.last}>
                {t.lightbox.next}
              </Button>
            </div>
            <Button ref={closeButton} onClick={dialog.close}>
              {t.lightbox.close}
            </Button>
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
            {another && `${format(t.lightbox.otherResult, { prompt: excerpt(generation.request.prompt, 60) })} · `}
            {title && `${title} · `}
            {hideSettings ? format(t.lightbox.position, position) : format(t.lightbox.sizeAndPosition, { ...position, width: image.width, height: image.height })}
            {note && ` · ${note}`}
          </p>
          <section className="space-y-1">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.lightbox.prompt}</h3>
            <ClampedText lines={6}>{generation.request.prompt}</ClampedText>
          </section>
          <section className="space-y-1">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.image.revisedPrompt}</h3>
            {image.revisedPrompt ? <ClampedText lines={6}>{image.revisedPrompt}</ClampedText> : <p className="italic text-slate-500 dark:text-slate-400">{hideSettings ? t.image.revisedHidden : t.image.noRevisedPrompt}</p>}
          </section>
          {!hideSettings && <SettingsList generation={generation} />}
          <div className="flex flex-wrap gap-2">
            {!hideSettings && (
              <a href={image.downloadSrc} download className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
                {t.image.download}
              </a>
            )}
            {!hideSettings && <Button onClick={() => { actions.reuseSettings(generation, "used"); dialog.close(); }}>{t.card.reuseSettings}</Button>}
            {image.revisedPrompt && <Button onClick={() => { actions.usePrompt(image.revisedPrompt, generation); dialog.close(); }}>{t.card.useRevisedPrompt}</Button>}
            {!hideSettings && <Button onClick={() => { actions.editImage(image); dialog.close(); }}>{messages.edit.card.editThis}</Button>}
            <CopyButton text={generation.request.prompt} label={t.card.copyPrompt} />
          </div>
        </div>
      </div>
    </dialog>
  );
}

/**
 * Whether the image shown came by a move from another result's: then its place ("image 1 of 1") alone would
 * not tell it is another, and the words said begin with its prompt. Not for the image the lightbox opened on.
 */
const useAnotherResult = (entry: LightboxEntry | undefined): boolean => {
  const [shown, setShown] = useState({ image: entry?.image.id, generation: entry?.generation.id, another: false });
  if (entry && entry.image.id !== shown.image) {
    // Worked out as the image changes, during the render that shows it (React's way of a state that follows a prop).
    setShown({ image: entry.image.id, generation: entry.generation.id, another: entry.generation.id !== shown.generation });
  }
  return shown.another;
};
