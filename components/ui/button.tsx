import { useEffect, useState, type ComponentProps } from "react";
import { useHeldHelp } from "./use-held-help";
import { useHelp } from "./use-help";

// aria-disabled as well as disabled: a button disabled with a reason stays focusable (see below). Every variant
// has an edge, the primary a transparent one: forced colours paint all backgrounds alike, and the edge, in the
// system's colour, is then what shows a button is one.
const VARIANTS = {
  primary: "border-transparent bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-300 dark:disabled:bg-indigo-900 aria-disabled:bg-indigo-300 dark:aria-disabled:bg-indigo-900",
  secondary:
    "border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 text-slate-800 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800 disabled:text-slate-400 dark:disabled:text-slate-500 aria-disabled:text-slate-400 dark:aria-disabled:text-slate-500 aria-disabled:hover:bg-white dark:aria-disabled:hover:bg-slate-900",
  /** On a dark stage (a presentation): quiet until pointed at. */
  overlay:
    "border-white/20 bg-white/10 text-white hover:bg-white/20 disabled:text-white/40 aria-disabled:text-white/40 disabled:hover:bg-white/10",
  danger: "border-red-300 dark:border-red-700 bg-white dark:bg-slate-900 text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-950/40",
} as const;

/** One padding per size: two conflicting utilities in one class list leave the winner to the stylesheet's order. */
const SIZES = {
  lg: "px-3 py-2.5 text-sm",
  md: "px-3 py-2 text-sm",
  sm: "px-2 py-1 text-xs",
  /** As tall as a line of small text, so a settings row that gains a button keeps its height. */
  inline: "px-1.5 py-0 text-xs leading-[14px]",
} as const;

/** How long the reason a tap on a disabled button brought up stays, unless the page scrolls first. */
const TOLD_MS = 4_000;
const TOLD_WIDTH = 288;
/** What the reason takes below a button: three lines of small text. */
const TOLD_ROOM = 64;

/**
 * The app's button. Given `disabled` and a `reason`, it says why it does nothing yet to everyone: a pointer
 * gets the reason as a tooltip, a keyboard or screen-reader user can still reach the button (it is
 * aria-disabled rather than disabled, which would take it out of the tab order) and hears the reason as its
 * description, and a tap or a click on it shows the reason beside it (a touch screen shows no tooltip).
 * `help`, otherwise, is said the same way: what the button does, beyond its name; on a touch screen a finger
 * held on the button shows it, as a phone's own tooltips do, and the button does not act.
 */
export function Button({
  variant = "secondary",
  size = "md",
  className = "",
  reason,
  help,
  disabled,
  onClick,
  ...props
}: ComponentProps<"button"> & { variant?: keyof typeof VARIANTS; size?: keyof typeof SIZES; reason?: string | undefined; help?: string | undefined }) {
  const explained = Boolean(disabled && reason);
  const described = useHelp(explained ? reason : help);
  const [told, setTold] = useState<{ text: string; left: number; top?: number; bottom?: number } | null>(null);
  useEffect(() => {
    if (!told) return;
    const end = () => setTold(null);
    const timer = setTimeout(end, TOLD_MS);
    // Placed for where the button was: it goes once the page moves under it.
    window.addEventListener("scroll", end, { capture: true, once: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", end, { capture: true });
    };
  }, [told]);
  const tell = (button: HTMLElement, text: string) => {
    const box = button.getBoundingClientRect();
    const left = Math.max(8, Math.min(box.left, window.innerWidth - 8 - TOLD_WIDTH));
    // Under the button, or over it where the screen ends below it.
    setTold(box.bottom + TOLD_ROOM < window.innerHeight ? { text, left, top: box.bottom + 4 } : { text, left, bottom: window.innerHeight - box.top + 4 });
  };
  const pressable = Boolean(help && !disabled);
  const held = useHeldHelp(pressable ? help : undefined, tell);
  // What a bubble may say now: a reason told before the button was enabled goes with it.
  const sayable = explained ? reason : pressable ? help : undefined;
  return (
    <>
      <button
        type="button"
        {...props}
        {...held.handlers}
        className={`inline-flex items-center justify-center gap-1.5 rounded-md border ${SIZES[size]} font-medium shadow-sm transition disabled:cursor-not-allowed aria-disabled:cursor-not-allowed ${pressable ? "select-none [-webkit-touch-callout:none]" : ""} ${VARIANTS[variant]} ${className}`}
        disabled={disabled && !explained}
        aria-disabled={explained || undefined}
        aria-describedby={described.props["aria-describedby"] ?? props["aria-describedby"]}
        title={described.props.title ?? props.title}
        onClick={(event) => {
          if (explained) tell(event.currentTarget, reason ?? "");
          else if (!held.swallows(event)) onClick?.(event);
        }}
      />
      {described.node}
      {told && told.text === sayable && (
        <span role="status" style={{ left: told.left, top: told.top, bottom: told.bottom, maxWidth: TOLD_WIDTH }} className="fixed z-50 rounded-md bg-slate-900 px-2 py-1 text-xs font-normal text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
          {told.text}
        </span>
      )}
    </>
  );
}
