import type { ComponentProps } from "react";
import { useHelp } from "./use-help";

// aria-disabled as well as disabled: a button disabled with a reason stays focusable (see below).
const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-300 dark:disabled:bg-indigo-900 aria-disabled:bg-indigo-300 dark:aria-disabled:bg-indigo-900",
  secondary:
    "border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 text-slate-800 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800 disabled:text-slate-400 dark:disabled:text-slate-500 aria-disabled:text-slate-400 dark:aria-disabled:text-slate-500 aria-disabled:hover:bg-white dark:aria-disabled:hover:bg-slate-900",
  /** On a dark stage (a presentation): quiet until pointed at. */
  overlay:
    "border border-white/20 bg-white/10 text-white hover:bg-white/20 disabled:text-white/40 aria-disabled:text-white/40 disabled:hover:bg-white/10",
  danger: "border border-red-300 dark:border-red-700 bg-white dark:bg-slate-900 text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-950/40",
} as const;

/** One padding per size: two conflicting utilities in one class list leave the winner to the stylesheet's order. */
const SIZES = {
  lg: "px-3 py-2.5 text-sm",
  md: "px-3 py-2 text-sm",
  sm: "px-2 py-1 text-xs",
  /** As tall as a line of small text, so a settings row that gains a button keeps its height. */
  inline: "px-1.5 py-0 text-xs leading-[14px]",
} as const;

/**
 * The app's button. Given `disabled` and a `reason`, it says why it does nothing yet to everyone: a pointer
 * gets the reason as a tooltip, and a keyboard or screen-reader user can still reach the button (it is
 * aria-disabled rather than disabled, which would take it out of the tab order) and hears the reason as its
 * description. `help`, otherwise, is said the same way: what the button does, beyond its name.
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
  return (
    <>
      <button
        type="button"
        {...props}
        className={`inline-flex items-center justify-center gap-1.5 rounded-md ${SIZES[size]} font-medium shadow-sm transition disabled:cursor-not-allowed aria-disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
        disabled={disabled && !explained}
        aria-disabled={explained || undefined}
        aria-describedby={described.props["aria-describedby"] ?? props["aria-describedby"]}
        title={described.props.title ?? props.title}
        onClick={explained ? undefined : onClick}
      />
      {described.node}
    </>
  );
}
