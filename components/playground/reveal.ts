/**
 * Brings a field the history just changed (a loaded run, a reused seed or prompt) into view, once React has
 * drawn it: the user acted far down the list, so the change must not happen out of sight.
 */
export const reveal = (id: string): void => {
  requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: "center", behavior: "smooth" }));
};
