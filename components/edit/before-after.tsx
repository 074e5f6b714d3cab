import { useState } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import type { ImageView, InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";

/**
 * An edit's result over its input: the input shows left of the divider, the result right of it. The control
 * is a real range input over the whole picture, so a drag, a click, the arrow keys and a screen reader all
 * move it; both pictures fill the result's frame, so they line up whatever the input's shape.
 */
export function BeforeAfter({ before, after, index, count }: { before: InputImageView; after: ImageView; index: number; count: number }) {
  const t = useMessages().edit.card;
  const [position, setPosition] = useState(50);
  const picture = "absolute inset-0 h-full w-full object-cover";
  return (
    <div
      className="relative w-full overflow-hidden rounded-md border border-slate-200 dark:border-slate-700 bg-slate-100 dark:bg-slate-800 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600"
      style={{ aspectRatio: `${after.width} / ${after.height}` }}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- stored thumbnails served by the app */}
      <img src={after.thumbSrc} alt={t.after} className={picture} loading="lazy" />
      {/* eslint-disable-next-line @next/next/no-img-element -- stored thumbnails served by the app */}
      <img src={before.thumbSrc} alt={t.before} className={picture} style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }} data-testid="before-image" />
      <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.4)]" style={{ left: `${position}%` }} />
      <span aria-hidden className="pointer-events-none absolute left-1.5 top-1.5 rounded bg-black/60 px-1.5 py-0.5 text-xs font-medium text-white">
        {t.before}
      </span>
      <span aria-hidden className="pointer-events-none absolute right-1.5 top-1.5 rounded bg-black/60 px-1.5 py-0.5 text-xs font-medium text-white">
        {t.after}
      </span>
      <input
        type="range"
        min={0}
        max={100}
        step={1}
        value={position}
        aria-label={format(t.slider, { index: index + 1, count })}
        aria-valuetext={`${t.before} ${position}%`}
        onChange={(event) => setPosition(Number(event.target.value))}
        className="absolute inset-0 h-full w-full cursor-ew-resize appearance-none bg-transparent opacity-0"
      />
    </div>
  );
}
