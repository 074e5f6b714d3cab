import { useMessages } from "@/components/i18n/i18n-provider";
import { TIME_ZONE_HEADER } from "@/lib/i18n/time-zone";
import { useHelp } from "@/components/ui/use-help";
import { downloadLinkClass } from "./download-link";
import { useBuiltFile } from "./use-built-file";

/**
 * "Download as slides": a deck is built whole on the server before its first byte, so the page fetches it and
 * says how it goes (./use-built-file.tsx). `help`: what the deck holds, where it is not the history's own deck
 * (a poll's report).
 */
export function DeckButton({ href, help }: { href: string; help?: string }) {
  const t = useMessages().sets;
  const described = useHelp(help ?? t.deckHelp);
  const file = useBuiltFile(href, {
    words: { preparing: t.deckPreparing, downloading: t.deckDownloading, progress: t.deckProgress, failed: t.deckFailed, done: t.deckDone },
    fallbackName: "slides.pptx",
    // Its cover is dated where the reader is.
    headers: { [TIME_ZONE_HEADER]: Intl.DateTimeFormat().resolvedOptions().timeZone },
  });

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" {...described.props} className={downloadLinkClass} onClick={file.start} aria-disabled={file.busy}>
        {t.deck}
      </button>
      {described.node}
      {file.status}
    </span>
  );
}
