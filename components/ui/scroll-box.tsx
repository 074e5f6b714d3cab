import type { ReactNode } from "react";

/**
 * A box whose content scrolls (a wide table on a phone, a long preview). A keyboard scrolls only what has the
 * focus, and not every browser lets Tab reach a scrolling box by itself: this one is a tab stop, with the
 * app's focus ring (:focus-visible), and a region named for what it holds, so the stop is announced.
 */
export function ScrollBox({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={className}>
      {children}
    </div>
  );
}
