import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";

const CLAMPS = { 3: "line-clamp-3", 4: "line-clamp-4", 6: "line-clamp-6" } as const;

/**
 * Long text (a 2,000-character prompt) shown as its first few lines with "Show more", so one result does not
 * fill the screen; the button is there only when something is hidden. The whole text stays in the page, for
 * search in the page and screen readers.
 */
export function ClampedText({ lines = 4, className = "", children, testId }: { lines?: keyof typeof CLAMPS; className?: string; children: ReactNode; testId?: string }) {
  const t = useMessages().common;
  const text = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const element = text.current;
    if (!element || open) return;
    const measure = () => setOverflows(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [open, children]);
  return (
    <>
      <p ref={text} data-testid={testId} className={`whitespace-pre-wrap ${open ? "" : CLAMPS[lines]} ${className}`}>
        {children}
      </p>
      {(overflows || open) && (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="mr-3 text-xs font-medium text-indigo-700 dark:text-indigo-300 underline">
          {open ? t.showLess : t.showMore}
        </button>
      )}
    </>
  );
}
