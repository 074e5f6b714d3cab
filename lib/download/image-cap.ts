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
