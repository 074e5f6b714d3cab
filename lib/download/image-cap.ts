/**
 * The leading items whose images together stay within `max`, and how many images that leaves out. A file
 * that holds every image at once (a deck in memory, a contact sheet as one picture) stops there rather than
 * fail or exhaust the server on a selection of thousands.
 */
export const withinImages = <T>(items: readonly T[], images: (item: T) => number, max: number): { kept: T[]; leftOut: number } => {
  let used = 0;
  let cut = items.length;
  for (const [index, item] of items.entries()) {
    if (used + images(item) > max) {
      cut = index;
      break;
    }
    used += images(item);
  }
  const leftOut = items.slice(cut).reduce((sum, item) => sum + images(item), 0);
  return { kept: items.slice(0, cut), leftOut };
};

/**
 * A deck's slides within its pictures' cap, and the items its settings table lists: cut short, those up to
 * the last item whose slides are in; whole, every item (one that made no picture has no slide, and is still
 * a line of the table). A picture on several slides (an edit's input beside each result) is one picture, as
 * the deck reads it once: counted on the first slide that shows it, kept or left out.
 */
export const deckContents = <T, S extends { readonly panels: ReadonlyArray<{ readonly image: { readonly id: string } | null }> }>(
  items: readonly T[],
  slidesOf: (item: T) => S[],
  max: number,
): { slides: S[]; tabled: T[]; leftOut: number } => {
  const seen = new Set<string>();
  const { kept, leftOut } = withinImages(
    items.flatMap((item, index) =>
      slidesOf(item).map((slide) => {
        const fresh = new Set(slide.panels.flatMap(({ image }) => (image && !seen.has(image.id) ? [image.id] : [])));
        fresh.forEach((id) => seen.add(id));
        return { slide, index, fresh: fresh.size };
      }),
    ),
    ({ fresh }) => fresh,
    max,
  );
  return { slides: kept.map(({ slide }) => slide), tabled: leftOut > 0 ? items.slice(0, (kept.at(-1)?.index ?? -1) + 1) : [...items], leftOut };
};
