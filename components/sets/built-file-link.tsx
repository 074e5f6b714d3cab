import type { ReactNode } from "react";
import { useHelp } from "@/components/ui/use-help";
import { downloadLinkClass, leftToBrowser } from "./download-link";
import { useBuiltFile, type BuiltFileWords } from "./use-built-file";

/**
 * The link of a file the server builds whole before its first byte (a contact sheet, a grid's picture): the
 * page fetches it and says meanwhile that it is being prepared (./use-built-file.tsx), where the browser's
 * download bar would show nothing for seconds. `fallbackName`: the file's name if its answer names none.
 */
export function BuiltFileLink({ href, title, words, fallbackName, children }: { href: string; title: string; words: BuiltFileWords; fallbackName: string; children: ReactNode }) {
  const help = useHelp(title);
  const file = useBuiltFile(href, { words, fallbackName });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <a
        href={href}
        download
        {...help.props}
        className={downloadLinkClass}
        aria-disabled={file.busy}
        aria-busy={file.busy}
        onClick={(event) => {
          if (leftToBrowser(event)) return;
          event.preventDefault();
          file.start();
        }}
      >
        {children}
      </a>
      {help.node}
      {file.status}
    </span>
  );
}
