import { useMessages } from "@/components/i18n/i18n-provider";
import { BuiltFileLink } from "./built-file-link";
import { DeckButton } from "./deck-button";
import { DownloadLink } from "./download-link";

/**
 * Items of the history to take away, as a slide deck, a zip of PNGs with a manifest, a CSV or a contact
 * sheet. `query`: which items (`items=generation:<id>,…` or `starred=1`); the server leaves out what was
 * deleted since, and the file says so. The browser's own download bar shows a streamed file's progress; the
 * page says how the deck and the contact sheet, built whole first, are coming along.
 * `labelShown`: false where the label is on screen already (a disclosure's summary).
 */
export function TakeawayLinks({ query, label, labelShown = true }: { query: string; label: string; labelShown?: boolean }) {
  const t = useMessages().sets;
  const links = [
    ["zip", t.takeaway.zip, t.zipHelp],
    ["csv", t.takeaway.csv, t.csvHelp],
  ] as const;
  // Each keyed by its address too: what was said for one selection is not left beside the next one's link.
  const sheet = `/api/takeaway/contact-sheet?${query}`;
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      {/* On a phone (the selection bar, held over the cards) a row less: the group keeps it as its name. */}
      {labelShown && <span className="font-medium max-sm:sr-only">{label}</span>}
      <DeckButton href={`/api/takeaway/deck?${query}`} />
      {links.map(([format, text, help]) => (
        <DownloadLink key={`${format}?${query}`} href={`/api/takeaway/${format}?${query}`} title={help}>
          {text}
        </DownloadLink>
      ))}
      <BuiltFileLink key={sheet} href={sheet} title={t.contactSheetHelp} words={t.sheetFile} fallbackName="contact-sheet.png">
        {t.contactSheet}
      </BuiltFileLink>
    </div>
  );
}
