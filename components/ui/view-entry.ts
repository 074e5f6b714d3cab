/** The key that marks the history entry of an open full-screen view (components/ui/use-back-closes.ts). */
export const MARK = "fullScreenView";

/**
 * A page loaded onto a view's entry (a reload with the lightbox open) shows no view, and its first Back would
 * seem to do nothing: the page steps back to its own entry at once (in the same document, so nothing loads
 * again). Stepping back rather than replacing the marked state, which would leave the spent step there all
 * the same. The page's entry kept the view's scroll restoration, off, and gets the browser's default back
 * (nothing else here turns it off). Here, in the first load, as little as that: the view's code loads only
 * when a view is first opened.
 */
export const leaveSpentViewEntry = () => {
  const { history } = window;
  if (!history.state?.[MARK]) return;
  addEventListener("popstate", () => (history.scrollRestoration = "auto"), { once: true });
  history.back();
};
