import { useId, useState, type PointerEvent } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { pictureBox } from "@/components/ui/height-cap";
import type { ImageView, InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { aspectLabel, formatSize } from "@/lib/models/size-rules";
import { excerpt } from "@/lib/text/well-formed";

/**
 * An edit's result over its input: the input shows left of the divider, the result right of it. A press or
 * a drag anywhere on the picture moves the divider (a touch screen cannot grab an invisible thumb); a real
 * range input, labelled in words under the picture, takes the keyboard and screen readers. Both pictures
 * fill the result's frame, so they line up; an input of another shape (an edit asked for another size) is
 * shown whole inside it instead, since filling the frame would hide part of what was edited. `full`: the
 * originals, not thumbnails, for the lightbox, where a small change (a word of text) must be readable.
 */
export function BeforeAfter({
  before,
  after,
  index,
  count,
  prompt,
  full = false,
}: {
  before: InputImageView;
  after: ImageView;
  index: number;
  count: number;
  prompt: string;
  full?: boolean;
}) {
  const t = useMessages().edit.card;
  const id = useId();
  const [position, setPosition] = useState(50);
  // Following the input rounds its sides to the model's steps: a shape within 2% is the same shape.
  const sameShape = Math.abs(before.width / before.height / (after.width / after.height) - 1) < 0.02;
  // The shape note's template takes this as its first sentence, so each language puts its own full stop between.
  const slider = count > 1 ? format(t.sliderOf, { index: index + 1, count }) : t.slider;
  const picture = "absolute inset-0 h-full w-full";

  const follow = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setPosition(Math.round(Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) * 100));
  };

  return (
    <div className="space-y-1">
      <div
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          follow(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) follow(event);
        }}
        className="shows-focus relative mx-auto w-full cursor-ew-resize touch-none select-none overflow-hidden rounded-md border border-slate-200 dark:border-slate-700 bg-slate-100 dark:bg-slate-800"
        // The lightbox (`full`) fits it to a frame of its own.
        style={pictureBox(after, !full)}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- stored images served by the app */}
        <img src={full ? after.src : after.thumbSrc} alt={format(t.afterAlt, { index: index + 1, count, prompt: excerpt(prompt, 120) })} draggable={false} className={`${picture} object-cover`} loading={full ? "eager" : "lazy"} />
        {/* eslint-disable-next-line @next/next/no-img-element -- stored images served by the app */}
        <img
          src={full ? before.src : before.thumbSrc}
          alt={format(t.beforeAlt, { size: formatSize(before) })}
          draggable={false}
          // Opaque, so the result never shows through where a letterboxed input leaves room.
          className={`${picture} bg-slate-100 dark:bg-slate-800 ${sameShape ? "object-cover" : "object-contain"}`}
          style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
          data-testid="before-image"
        />
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.4)]" style={{ left: `${position}%` }} />
        <span aria-hidden className="pointer-events-none absolute left-1.5 top-1.5 rounded bg-black/60 px-1.5 py-0.5 text-xs font-medium text-white">
          {t.before}
        </span>
        <span aria-hidden className="pointer-events-none absolute right-1.5 top-1.5 rounded bg-black/60 px-1.5 py-0.5 text-xs font-medium text-white">
          {t.after}
        </span>
        <input
          id={id}
          type="range"
          min={0}
          max={100}
          step={1}
          value={position}
          aria-valuetext={`${t.before} ${position}%`}
          onChange={(event) => setPosition(Number(event.target.value))}
          className="pointer-events-none absolute inset-0 h-full w-full appearance-none bg-transparent opacity-0"
        />
      </div>
      <label htmlFor={id} className="block text-xs text-slate-600 dark:text-slate-400">
        {sameShape ? slider : format(t.shapeNote, { slider, input: aspectLabel(before), result: aspectLabel(after) })}
      </label>
    </div>
  );
}
