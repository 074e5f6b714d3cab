"use client";

import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box whose content may scroll (a wide table on a phone, a long preview). A keyboard scrolls only what has
 * the focus, and not every browser lets Tab reach a scrolling box by itself: while its content overflows, this
 * one is a tab stop, with the app's focus ring (:focus-visible), and a region named for what it holds (the
 * name says it scrolls), so the stop is announced. Content that fits adds no stop that does nothing.
 */
export function ScrollBox({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight);
    // Before the first paint, then whenever the box or what it holds changes size (a narrower window, rows added).
    measure();
    const observer = new ResizeObserver(measure);
    for (const watched of [element, ...element.children]) observer.observe(watched);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} {...(overflows && { role: "region", "aria-label": label, tabIndex: 0 })} className={className}>
      {children}
    </div>
  );
}
