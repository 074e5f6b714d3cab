/**
 * Brings a field the history just changed (a loaded run, a reused seed or prompt) into view, once React has
 * drawn it: the user acted far down the list, so the change must not happen out of sight.
 */
export const reveal = (id: string): void => {
  // A jump rather than a glide for whoever asked the system for less motion.
  const behavior = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: "center", behavior }));
};
