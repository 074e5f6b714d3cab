/**
 * Panels side by side on one slide at most, as many as a comparison's models (4): a grid's row may have up to
 * 100 (a variables axis), a poll's item a dozen models, each of which would be too narrow to judge (its name
 * wrapping over its picture), and past 51 not even drawable.
 */
const MAX_PANELS = 4;

/** Panels too many for one slide, in order over as few slides as hold them; always at least one slide. */
export const slideParts = <T>(panels: readonly T[]): T[][] =>
  Array.from({ length: Math.max(1, Math.ceil(panels.length / MAX_PANELS)) }, (_, part) => panels.slice(part * MAX_PANELS, (part + 1) * MAX_PANELS));
