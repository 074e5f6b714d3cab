/**
 * Brings a field the history just changed (a loaded run, a reused seed or prompt) into view, once React has
 * drawn it, and puts the keyboard there: the user acted far down the list, so the change must not happen out
 * of sight, nor the next Tab start from the button left behind in the history. `focus: false` where something
 * else takes the focus (a cost question the load opens).
 */
export const reveal = (id: string, { focus = true }: { focus?: boolean } = {}): void => {
  // A jump rather than a glide for whoever asked the system for less motion.
  const behavior = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  requestAnimationFrame(() => {
    const field = document.getElementById(id);
    field?.scrollIntoView({ block: "center", behavior });
    // Not scrolled again by the focus: that would cut the glide short.
    if (focus) field?.focus({ preventScroll: true });
  });
};
