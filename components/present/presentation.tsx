"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { KeyHint } from "@/components/ui/key-hint";
import { useBackCloses } from "@/components/ui/use-back-closes";
import { useEndFocus } from "@/components/ui/use-end-focus";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import type { PublicItem } from "@/lib/compare/hidden-comparison";
import { format } from "@/lib/i18n/format";
import { formatSize } from "@/lib/models/size-rules";
import { buildSlides, slideSources, type Slide } from "@/lib/present/slides";
import { excerpt } from "@/lib/text/well-formed";

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]);
/** How long the pointer may rest before the controls (and the pointer itself) fade from the slide. */
const IDLE_MS = 2_500;
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);

/**
 * Full-screen slides over history items. A slide is only shown once its images are decoded (the previous one
 * stays until then), and the next ones load ahead, so no slide ever flashes empty. Arrow keys, Page Up/Down
 * (what presentation remotes send), Space and a click advance; Escape leaves.
 */
export function Presentation({ items, onClose }: { items: readonly PublicItem[]; onClose: () => void }) {
  const { present: t, compare, grid, batch, edit } = useMessages();
  const ruleText = useRuleText();
  const slides = useMemo(
    () =>
      buildSlides(items, {
        ...t.slides,
        blindModel: compare.blindModel,
        errorText: ruleText,
        axisNames: grid.axisNames,
        axisValue: grid.axisValue,
        values: grid.values,
        row: batch.card.row,
        edit: edit.card,
      }),
    // ruleText changes with the catalogue, which t.slides already follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, t.slides, compare.blindModel, grid, batch.card.row, edit.card],
  );
  const dialog = useModalDialog();
  useBackCloses(dialog.close);
  const [target, setTarget] = useState(0);
  // Null until the first slide's images are decoded: even the first slide never shows half-loaded.
  const [shown, setShown] = useState<number | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const exitButton = useRef<HTMLButtonElement>(null);
  const atStart = target === 0;
  const atEnd = target >= slides.length - 1;
  // Previous and Next stay focusable at the ends (aria-disabled, with a reason), and a move to an end hands the
  // focus to the way back, as the history's lightbox does.
  const ends = useEndFocus({ atStart, atEnd }, exitButton);
  // Read while rendering, before the dialog takes focus. Leaving full screen can move focus out of the
  // dialog, and then the browser restores nothing: the control that opened the show gets it back by hand.
  const opener = useRef(typeof document === "undefined" ? null : document.activeElement);
  const loads = useRef(new Map<string, Promise<void>>());
  // The controls fade when the pointer rests, so the room sees the slide; any move or key brings them back.
  const [idle, setIdle] = useState(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const wake = useCallback(() => {
    setIdle(false);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => setIdle(true), IDLE_MS);
  }, []);
  useEffect(() => {
    wake();
    return () => clearTimeout(idleTimer.current);
  }, [wake]);

  const preload = useCallback((src: string): Promise<void> => {
    const known = loads.current.get(src);
    if (known) return known;
    const image = new Image();
    image.src = src;
    // A broken image still ends its wait: the slide shows its alt text rather than never arriving.
    const loaded = image.decode().catch(() => undefined);
    loads.current.set(src, loaded);
    return loaded;
  }, []);

  useEffect(() => {
    let current = true;
    void Promise.all(slideSources(slides[target]).map(preload)).then(() => {
      if (current) setShown(target);
    });
    for (const ahead of [target + 1, target + 2, target - 1]) slideSources(slides[ahead]).forEach((src) => void preload(src));
    return () => {
      current = false;
    };
  }, [target, slides, preload]);

  const go = useCallback((step: number) => setTarget((index) => Math.min(slides.length - 1, Math.max(0, index + step))), [slides.length]);
  // A click (not a key) on Previous or Next hands the focus back to the stage, so the Space that follows
  // advances, as a presenter expects, rather than pressing the clicked button again.
  const press = (step: number) => (event: React.MouseEvent) => {
    go(step);
    if (event.detail > 0) stage.current?.focus();
  };

  // Full screen when the browser allows it, on the stage inside the dialog (a <dialog> itself may not go full
  // screen); leaving full screen (the browser's own Escape) ends the show.
  useEffect(() => {
    const element = stage.current;
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) dialog.close();
    };
    document.addEventListener("fullscreenchange", onChange);
    element?.requestFullscreen?.().catch(() => undefined);
    // The dialog put focus on its first control (Previous, which does nothing on the first slide), where Space
    // and Enter would press it: the show starts with the focus on the stage, where they advance.
    element?.focus();
    return () => {
      document.removeEventListener("fullscreenchange", onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      const back = opener.current;
      requestAnimationFrame(() => (back instanceof HTMLElement ? back.focus() : undefined));
    };
  }, [dialog]);

  // On the window, not the dialog: the keys act wherever the focus has gone, the page's body included.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      wake();
      if (event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
      if (NEXT_KEYS.has(event.key)) go(1);
      else if (PREVIOUS_KEYS.has(event.key)) go(-1);
      else if (event.key === "Home") setTarget(0);
      else if (event.key === "End") setTarget(slides.length - 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [go, slides.length, wake]);

  const slide = shown === null ? undefined : slides[shown];
  return (
    <dialog
      ref={dialog.ref}
      onClose={onClose}
      aria-label={t.label}
      aria-roledescription={t.roleDescription}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-slate-950 p-0 text-white backdrop:bg-black"
    >
      <div ref={stage} tabIndex={-1} onPointerMove={wake} onPointerDown={wake} className={`relative flex h-full flex-col bg-slate-950 outline-none ${idle ? "cursor-none" : ""}`}>
        {/* Over the slide, not above it: fading it leaves the whole screen to the pictures. */}
        <div
          data-testid="slide-controls"
          className={`absolute inset-x-0 top-0 z-10 flex items-center justify-between gap-2 bg-gradient-to-b from-black/70 to-transparent px-4 pb-6 pt-2 text-sm motion-safe:transition-opacity motion-safe:duration-500 has-[:focus-visible]:opacity-100 ${idle ? "pointer-events-none opacity-0" : "opacity-100"}`}
        >
          <p aria-live="polite" className="tabular-nums text-slate-300">
            {slides.length === 0 ? t.noSlides : shown === null ? t.loading : format(t.position, { n: shown + 1, total: slides.length })}
          </p>
          <div className="flex gap-2 whitespace-nowrap">
            <Button ref={ends.previous} variant="overlay" onClick={press(-1)} disabled={atStart} reason={t.first}>
              {t.previous}
            </Button>
            <Button ref={ends.next} variant="overlay" onClick={press(1)} disabled={atEnd} reason={t.last}>
              {t.next}
            </Button>
            {/* The key's hint only where a keyboard is likely (a fine pointer that hovers): a touch screen has no
                Escape. Named "Exit" everywhere, with the key said as a shortcut rather than as part of the name. */}
            <Button ref={exitButton} variant="overlay" onClick={dialog.close} aria-keyshortcuts="Escape">
              {t.exit}
              <KeyHint aria-hidden>{t.exitKey}</KeyHint>
            </Button>
          </div>
        </div>
        {slide ? (
          <SlideView slide={slide} onAdvance={() => go(1)} />
        ) : slides.length > 0 ? (
          <div className="flex-1" />
        ) : (
          <p className="m-auto max-w-md text-center text-slate-300">{t.nothing}</p>
        )}
      </div>
    </dialog>
  );
}

/**
 * One slide, sized for a meeting room: the type scales with the screen (a 1920 px projector gets a title of
 * about 48 px and captions of about 27 px), the pictures take all the room the captions leave, and the
 * captions are held to a third of the height so a picture never shrinks below half the slide.
 */
function SlideView({ slide, onAdvance }: { slide: Slide; onAdvance: () => void }) {
  const { present: t, edit } = useMessages();
  const many = slide.panels.length > 1;
  return (
    // A click anywhere on the slide advances, as a presenter's remote would. The top leaves room for the controls
    // over it, a button's height (2.9rem with their padding) and a gap: 7vh alone is less on a phone held sideways.
    <section aria-label={t.current} onClick={onAdvance} className="flex min-h-0 flex-1 cursor-pointer flex-col gap-[1.5vh] px-[2vw] pb-[2vh] pt-[max(7vh,3.5rem)]">
      <p className="line-clamp-2 text-center text-[clamp(1.25rem,2.5vw,3rem)] font-semibold leading-tight" data-testid="slide-prompt">
        {/* An edit's prompt is its instruction: marked as its card marks it, so it does not read as a prompt from text. */}
        {slide.badge !== null && <span className="mr-[0.5em] rounded bg-violet-900/60 px-[0.4em] py-[0.1em] align-middle text-[0.6em] font-medium text-violet-100">{slide.badge}</span>}
        {slide.prompt}
      </p>
      {/* On a phone held upright the pictures are as wide as they can be, not as tall: they and their captions sit
          together in the middle rather than apart around an empty band; several are stacked, each a row with its
          caption beside it. Elsewhere the figures share the slide's two rows (subgrid, where the browser has it), so
          pictures beside a longer caption are drawn as large, and line up, as the others. */}
      <div
        className={`grid min-h-0 flex-1 grid-cols-[repeat(var(--panels),minmax(0,1fr))] gap-x-[1.5vw] gap-y-[1vh] ${many ? "not-upright-phone:grid-rows-[minmax(0,1fr)_auto] upright-phone:grid-cols-1 upright-phone:content-center upright-phone:gap-y-[2vh]" : "grid-rows-[minmax(0,1fr)_auto] max-sm:portrait:grid-rows-[auto_auto] max-sm:portrait:content-center"}`}
        style={{ "--panels": slide.panels.length } as CSSProperties}
      >
        {slide.panels.map((panel) => (
          <figure
            key={panel.label}
            className={`grid min-h-0 justify-items-center gap-y-[1vh] ${many ? "not-upright-phone:row-span-2 not-upright-phone:grid-rows-[minmax(0,1fr)_auto] not-upright-phone:supports-[grid-template-rows:subgrid]:grid-rows-subgrid upright-phone:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] upright-phone:items-center upright-phone:gap-x-3" : "row-span-2 grid-rows-[minmax(0,1fr)_auto] supports-[grid-template-rows:subgrid]:grid-rows-subgrid"}`}
          >
            {panel.image ? (
              // eslint-disable-next-line @next/next/no-img-element -- stored originals, already decoded by the preloader
              <img
                src={panel.image.src}
                width={panel.image.width}
                height={panel.image.height}
                alt={panel.origin !== undefined ? format(edit.card.beforeAlt, { size: formatSize(panel.image) }) : format(t.imageAlt, { label: panel.label, prompt: excerpt(slide.prompt, 120) })}
                className={`h-full w-full min-h-0 object-contain ${many ? "upright-phone:max-h-[calc((100dvh-11rem)/var(--panels))]" : "max-sm:portrait:max-h-[60dvh]"}`}
              />
            ) : (
              <p className="m-auto rounded-md border border-red-400/50 p-4 text-[clamp(1rem,1.4vw,1.75rem)] text-red-200">{panel.missing}</p>
            )}
            <Caption label={panel.label} detail={panel.origin ?? (panel.revisedPrompt === "" ? "" : format(t.revised, { prompt: panel.revisedPrompt }))} lines={many ? 3 : 4} />
          </figure>
        ))}
      </div>
    </section>
  );
}

/**
 * A picture's caption: its label, then `detail` (its revised prompt, or where an edit's input came from) held to
 * `lines` lines and ending in an ellipsis. The caption is held to 30vh so the picture keeps its room, and where
 * that holds fewer lines (a wide, short window, a label of two lines) the detail is clamped to the whole lines
 * that fit: the box alone would cut its last line through the letters, with no ellipsis.
 */
function Caption({ label, detail, lines }: { label: string; detail: string; lines: number }) {
  const box = useRef<HTMLElement>(null);
  const name = useRef<HTMLSpanElement>(null);
  const [fit, setFit] = useState(lines);
  useLayoutEffect(() => {
    const caption = box.current;
    const title = name.current;
    if (!caption || !title) return;
    const measure = () => {
      // The prompt takes the caption's type, so its lines are the caption's whether or not it is shown.
      const style = getComputedStyle(caption);
      const room = parseFloat(style.maxHeight) - title.getBoundingClientRect().height - parseFloat(style.rowGap);
      setFit(Math.max(0, Math.min(lines, Math.floor(room / parseFloat(style.lineHeight)))));
    };
    measure();
    // The room follows the window's height (30vh) and the label's wrapping, which changes with its width and fonts.
    const observer = new ResizeObserver(measure);
    observer.observe(title);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, [lines]);
  return (
    <figcaption ref={box} className="flex max-h-[30vh] max-w-[min(100%,70ch)] flex-col gap-1 overflow-hidden text-center text-[clamp(1rem,1.4vw,1.75rem)] leading-snug" data-testid="slide-caption">
      {/* Two lines at most (a grid's cell can be named by a long value of a prompt's variable), whole in the page's text;
          three, in smaller type, in the narrow columns of a phone held upright, where a model's name cut short
          ("Qwen-Image 2.0…") would read as another version. */}
      <span ref={name} className="line-clamp-2 shrink-0 text-[clamp(1.1rem,1.7vw,2.1rem)] font-semibold max-sm:portrait:line-clamp-3 max-sm:portrait:text-base">
        {label}
      </span>
      {/* Not even one line fits on a very short window: better none than one cut through. */}
      {detail !== "" && fit > 0 && (
        // Not shrunk by the column: that would cut it as the box does.
        <span className="line-clamp-(--lines) shrink-0 text-slate-300" style={{ "--lines": fit } as CSSProperties}>
          {detail}
        </span>
      )}
    </figcaption>
  );
}
