import { useState } from "react";
import { BeforeAfter } from "@/components/edit/before-after";
import type { ImageView, InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { useMessages } from "@/components/i18n/i18n-provider";
import { PromptDiff } from "@/components/lazy";
import { ClampedText } from "@/components/ui/clamped-text";
import { heightCap } from "@/components/ui/height-cap";
import { excerpt } from "@/lib/text/well-formed";

/**
 * The pieces of a result's image: the thumbnail that opens it, its links (download, edit), and the prompt the
 * model actually used, long ones clamped, with a diff against the user's prompt. ImageResult puts one image
 * beside its revised prompt; ResultImages arranges several.
 */

type Position = { readonly index: number; readonly count: number };

export function ImageThumb({ image, position, prompt, onOpen }: { image: ImageView; position: Position; prompt: string; onOpen: () => void }) {
  const t = useMessages().history.image;
  const words = { index: position.index + 1, count: position.count };
  return (
    <button type="button" onClick={onOpen} className="mx-auto block w-full rounded-md" style={heightCap(image)} aria-label={format(t.openOf, { ...words, prompt: excerpt(prompt, 60) })}>
      {/* A ring, not a border: an image's shape is of its content, a border would make it taller than its placeholder. */}
      {/* eslint-disable-next-line @next/next/no-img-element -- small stored thumbnails served by the app */}
      <img
        src={image.thumbSrc}
        width={image.width}
        height={image.height}
        loading="lazy"
        alt={format(t.alt, { ...words, prompt: excerpt(prompt, 120) })}
        className="h-auto w-full rounded-md bg-slate-100 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
      />
    </button>
  );
}

export function ImageLinks({ image, downloadable, onEdit }: { image: ImageView; downloadable: boolean; onEdit?: (() => void) | undefined }) {
  const messages = useMessages();
  if (!downloadable && !onEdit) return null;
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1">
      {downloadable && (
        <a href={image.downloadSrc} download className="inline-block text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
          {messages.history.image.download}
        </a>
      )}
      {onEdit && (
        <button type="button" onClick={onEdit} className="text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
          {messages.edit.card.editThis}
        </button>
      )}
    </div>
  );
}

/** The prompt the model used, clamped when long, with the word diff against the user's prompt a click away. */
/** `hidden`: a blind comparison's image, whose revised prompt (a model's way of rewriting) waits for the reveal. */
export function RevisedPrompt({ revised, prompt, heading, hidden = false }: { revised: string; prompt: string; heading?: string; hidden?: boolean }) {
  const t = useMessages().history.image;
  const [diff, setDiff] = useState(false);
  return (
    <figure className="min-w-0 space-y-1 text-sm">
      <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{heading ?? t.revisedPrompt}</figcaption>
      {revised !== "" ? (
        <>
          {diff ? (
            <PromptDiff prompt={prompt} revised={revised} />
          ) : (
            <ClampedText testId="revised-prompt" className="text-slate-800 dark:text-slate-200">
              {revised}
            </ClampedText>
          )}
          <button type="button" aria-expanded={diff} onClick={() => setDiff(!diff)} className="mr-3 text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
            {diff ? t.showRevised : t.showDiff}
          </button>
        </>
      ) : (
        <p className="italic text-slate-500 dark:text-slate-400" data-testid="revised-prompt">
          {hidden ? t.revisedHidden : t.noRevisedPrompt}
        </p>
      )}
    </figure>
  );
}

/**
 * One image beside the prompt the model actually used. `stacked` puts the text under the image, for narrow
 * comparison columns; `before` (an edit's input) makes the picture a before/after slider.
 */
export function ImageResult({
  image,
  index,
  count,
  prompt,
  onOpen,
  stacked = false,
  blind = false,
  before = null,
  ownRevised = true,
  onEdit,
}: {
  image: ImageView;
  index: number;
  count: number;
  prompt: string;
  onOpen: () => void;
  stacked?: boolean;
  /** A blind comparison's image: no download (the PNG's name and metadata say which model made it), and no revised prompt yet. */
  blind?: boolean;
  /** An edit's input: the picture is then a before/after slider, with its own button to open the result. */
  before?: InputImageView | null;
  /** False where the images' shared revised prompt is said once, under them all. */
  ownRevised?: boolean;
  /** Puts this image in the edit form as a new edit's input; absent where that would give a blind model away. */
  onEdit?: (() => void) | undefined;
}) {
  const t = useMessages().history.image;
  const position = { index, count };
  return (
    <li className={stacked ? "grid gap-2" : "grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"}>
      {before ? (
        <div className="space-y-1">
          <BeforeAfter before={before} after={image} index={index} count={count} prompt={prompt} />
          <button type="button" onClick={onOpen} className="text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
            {format(t.open, { index: index + 1, count })}
          </button>
        </div>
      ) : (
        <ImageThumb image={image} position={position} prompt={prompt} onOpen={onOpen} />
      )}
      <div className="min-w-0 space-y-1">
        {ownRevised && <RevisedPrompt revised={image.revisedPrompt} prompt={prompt} hidden={blind} />}
        <ImageLinks image={image} downloadable={!blind} onEdit={onEdit} />
      </div>
    </li>
  );
}
