import { useMessages } from "@/components/i18n/i18n-provider";
import { DeckButton } from "./deck-button";
import { DownloadLink } from "./download-link";

/**
 * Items of the history to take away, as a slide deck, a zip of PNGs with a manifest, a CSV or a contact
 * sheet. `query`: which items (`items=generation:<id>,…` or `starred=1`); the server leaves out what was
 * deleted since, and the file says so. The browser's own download bar shows a large one's progress.
 * `labelShown`: false where the label is on screen already (a disclosure's summary).
 */
export function TakeawayLinks({ query, label, labelShown = true }: { query: string; label: string; labelShown?: boolean }) {
  const t = useMessages().sets;
  const links = [
    ["zip", t.takeaway.zip, t.zipHelp],
    ["csv", t.takeaway.csv, t.csvHelp],
    ["contact-sheet", t.contactSheet, t.contactSheetHelp],
  ] as const;
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      {labelShown && <span className="font-medium">{label}</span>}
      <DeckButton href={`/api/takeaway/deck?${query}`} />
      {links.map(([format, text, help]) => (
        // Keyed by its address too: a refusal said for one selection is not left beside the next one's link.
        <DownloadLink key={`${format}?${query}`} href={`/api/takeaway/${format}?${query}`} title={help}>
          {text}
        </DownloadLink>
      ))}
    </div>
  );
}
