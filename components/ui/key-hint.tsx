import type { ReactNode } from "react";

/**
 * A keyboard shortcut's words ("Ctrl+Enter generates."), shown only where a keyboard is likely (see the
 * `keyboard` variant in app/globals.css). Hidden by display, so a screen reader on a touch screen does not
 * read it either, also as part of a description that names the text around it.
 */
export function KeyHint({ children, ...props }: { children: ReactNode; "aria-hidden"?: boolean }) {
  return (
    <span {...props} className="hidden keyboard:inline">
      {children}
    </span>
  );
}
