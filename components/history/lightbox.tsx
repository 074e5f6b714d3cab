import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import type { GenerationView, ImageView } from "@/lib/generation/view";
import type { HistoryActions } from "./actions";
import { CopyButton } from "./copy-button";
import { SettingsList } from "./settings-list";

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
  const dialog = useModalDialog();
  const index = generation.images.indexOf(image);

  return (
    <dialog
      ref={dialog.ref}
      onClose={onClose}
      aria-label={`${title ? `${title}: ` : ""}Image ${index + 1} of ${generation.images.length}`}
      className="m-auto max-h-[95vh] w-[min(1200px,95vw)] overflow-y-auto rounded-lg bg-white dark:bg-slate-900 p-0 shadow-2xl backdrop:bg-slate-900/70"
    >
      <div className="grid gap-4 p-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        {/* eslint-disable-next-line @next/next/no-img-element -- stored originals of any size, served by the app */}
        <img src={image.src} width={image.width} height={image.height} alt={`Full size: ${generation.request.prompt.slice(0, 120)}`} className="h-auto max-h-[85vh] w-full rounded object-contain" />
        <div className="space-y-3 overflow-y-auto text-sm">
          <div className="flex justify-end">
            <Button onClick={dialog.close}>Close</Button>
          </div>
          <section>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Prompt</h3>
            <p className="whitespace-pre-wrap">{generation.request.prompt}</p>
          </section>
          <section>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Revised prompt</h3>
            <p className="whitespace-pre-wrap">{image.revisedPrompt || <span className="italic text-slate-500 dark:text-slate-400">No revised prompt returned.</span>}</p>
          </section>
          {!hideSettings && <SettingsList generation={generation} />}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {hideSettings ? "" : `${image.width}*${image.height} px, `}image {index + 1} of {generation.images.length}
          </p>
          <div className="flex flex-wrap gap-2">
            {!hideSettings && (
              <a href={image.downloadSrc} download className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
                Download PNG
              </a>
            )}
            {!hideSettings && <Button onClick={() => { actions.reuseSettings(generation); dialog.close(); }}>Reuse settings</Button>}
            {image.revisedPrompt && <Button onClick={() => { actions.usePrompt(image.revisedPrompt); dialog.close(); }}>Use revised prompt</Button>}
            <CopyButton text={generation.request.prompt} label="Copy prompt" />
          </div>
        </div>
      </div>
    </dialog>
  );
}
