import { useState } from "react";
import { BeforeAfter } from "@/components/edit/before-after";
import type { ImageView, InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { useMessages } from "@/components/i18n/i18n-provider";
import { PromptDiff } from "@/components/lazy";
import { excerpt } from "@/lib/text/well-formed";

/**
 * One image beside the prompt the model actually used, with a diff against the user's prompt and a
 * download. `stacked` puts the text under the image, for narrow comparison columns.
 */
export function ImageResult({
  image,
  index,
  count,
  prompt,
  onOpen,
  stacked = false,
  downloadable = true,
  before = null,
  onEdit,
}: {
  image: ImageView;
  index: number;
  count: number;
  prompt: string;
  onOpen: () => void;
  stacked?: boolean;
  /** False for a blind comparison: the PNG's name and metadata say which model made it. */
  downloadable?: boolean;
  /** An edit's input: the picture is then a before/after slider, with its own button to open the result. */
  before?: InputImageView | null;
  /** Puts this image in the edit form as a new edit's input; absent where that would give a blind model away. */
  onEdit?: () => void;
}) {
  const messages = useMessages();
  const t = messages.history.image;
  const [diff, setDiff] = useState(false);
  const position = { index: index + 1, count };
  return (
    <li className={stacked ? "grid gap-2" : "grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"}>
      {before ? (
        <div className="space-y-1">
          <BeforeAfter before={before} after={image} index={index} count={count} />
          <button type="button" onClick={onOpen} className="text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
            {format(t.open, position)}
          </button>
        </div>
      ) : (
        <button type="button" onClick={onOpen} className="block rounded-md" aria-label={format(t.open, position)}>
          {/* eslint-disable-next-line @next/next/no-img-element -- small stored thumbnails served by the app */}
          <img
            src={image.thumbSrc}
            width={image.width}
            height={image.height}
            loading="lazy"
            alt={format(t.alt, { ...position, prompt: excerpt(prompt, 120) })}
            className="h-auto w-full rounded-md border border-slate-200 dark:border-slate-700 bg-slate-100 dark:bg-slate-800"
          />
        </button>
      )}
      <figure className="space-y-1 text-sm">
        <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.revisedPrompt}</figcaption>
        {image.revisedPrompt !== "" ? (
          <>
            {diff ? (
              <PromptDiff prompt={prompt} revised={image.revisedPrompt} />
            ) : (
              <p className="whitespace-pre-wrap text-slate-800 dark:text-slate-200" data-testid="revised-prompt">
                {image.revisedPrompt}
              </p>
            )}
            <button type="button" aria-expanded={diff} onClick={() => setDiff(!diff)} className="mr-3 text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
              {diff ? t.showRevised : t.showDiff}
            </button>
          </>
        ) : (
          <p className="italic text-slate-500 dark:text-slate-400" data-testid="revised-prompt">
            {t.noRevisedPrompt}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          {downloadable && (
            <a href={image.downloadSrc} download className="inline-block text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
              {t.download}
            </a>
          )}
          {onEdit && (
            <button type="button" onClick={onEdit} className="text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
              {messages.edit.card.editThis}
            </button>
          )}
        </div>
      </figure>
    </li>
  );
}
