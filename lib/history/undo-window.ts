/** How long a deleted entry waits as an Undo notice before the server is told: long enough to notice, read and reach Undo. */
export const UNDO_MS = 12_000;
/** Once someone leaves the notice, what is left of the window, at least this: a pointer passing over cuts nothing short. */
const UNDO_AFTER_HOLD_MS = 6_000;
/**
 * The most a hold keeps the window open, from the press of Delete: five times the plain window, room to read
 * the notice and reach Undo with a magnifier or a switch, while other tabs and colleagues see the entry gone
 * within a minute (and a crashed tab loses at most a minute's delete, which is then simply not made).
 */
export const UNDO_HOLD_MAX_MS = 60_000;

/** How long from now until the delete goes through, `elapsed` after Delete was pressed, held (someone at the notice) or not. */
export const undoDelay = (held: boolean, elapsed: number): number => {
  const end = held ? UNDO_HOLD_MAX_MS : Math.min(UNDO_HOLD_MAX_MS, Math.max(UNDO_MS, elapsed + UNDO_AFTER_HOLD_MS));
  return Math.max(0, end - elapsed);
};
