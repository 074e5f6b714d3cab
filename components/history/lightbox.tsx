import { BeforeAfter } from "@/components/edit/before-after";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import type { GenerationView, ImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import type { HistoryActions } from "./actions";
import { CopyButton } from "./copy-button";
import { SettingsList } from "./settings-list";
import { excerpt } from "@/lib/text/well-formed";

/**
 * The full-size image with everything known about it. A native modal <dialog>: it traps focus, closes on
 * Escape and gives focus back to the thumbnail that opened it.
 */
export function Lightbox({
  generation,
  image,
  actions,
  onClose,
  hideSettings = false,
  title,
}: {
  generation: GenerationView;
  image: ImageView;
  actions: HistoryActions;
  onClose: () => void;
  /** A blind comparison's image: nothing that names the model (settings, reuse) until it is revealed. */
  hideSettings?: boolean;
  title?: string;
}) {
  const messages = useMessages();
  const t = messages.history;
  const dialog = useModalDialog();
  const position = { index: generation.images.indexOf(image) + 1, count: generation.images.length };

  return (
    <dialog
      ref={dialog.ref}
      onClose={onClose}
      aria-label={title ? format(t.lightbox.titledLabel, { ...position, title }) : format(t.lightbox.label, position)}
      className="m-auto max-h-[95vh] w-[min(1200px,95vw)] overflow-y-auto rounded-lg bg-white dark:bg-slate-900 p-0 shadow-2xl backdrop:bg-slate-900/70"
    >
      <div className="grid gap-4 p-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        {generation.input ? (
          // An edit at full size, before and after, so a small change (a word of text) can be read.
          <div className="mx-auto w-full" style={{ maxWidth: `calc(80vh * ${image.width / image.height})` }}>
            <BeforeAfter before={generation.input} after={image} index={position.index - 1} count={position.count} full />
          </div>
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- stored originals of any size, served by the app
          <img src={image.src} width={image.width} height={image.height} alt={format(t.lightbox.alt, { prompt: excerpt(generation.request.prompt, 120) })} className="h-auto max-h-[85vh] w-full rounded object-contain" />
        )}
        <div className="space-y-3 overflow-y-auto text-sm">
          <div className="flex justify-end">
            <Button onClick={dialog.close}>{t.lightbox.close}</Button>
          </div>
          <section>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.lightbox.prompt}</h3>
            <p className="whitespace-pre-wrap">{generation.request.prompt}</p>
          </section>
          <section>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.image.revisedPrompt}</h3>
            <p className="whitespace-pre-wrap">{image.revisedPrompt || <span className="italic text-slate-500 dark:text-slate-400">{t.image.noRevisedPrompt}</span>}</p>
          </section>
          {!hideSettings && <SettingsList generation={generation} />}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {hideSettings ? format(t.lightbox.position, position) : format(t.lightbox.sizeAndPosition, { ...position, width: image.width, height: image.height })}
          </p>
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
