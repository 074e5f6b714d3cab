import { forgetDrafts } from "../forms/tab-storage";

/**
 * A sign-out told at once to every other tab of this browser, so that a page holding no live stream (the
 * leaderboard, a share or vote page) does not stay on screen signed out. A BroadcastChannel reaches the
 * browser's other tabs, never the channel it was sent on: one channel per page, so its own tab is not told.
 * A tab told forgets its drafts, as the tab that signed out did, and a page behind the gate loads again: the
 * server sends it to sign in with its place to come back to (lib/access/next-path.ts). In every page's first
 * load: kept to these few lines.
 */
let channel: BroadcastChannel | undefined;
const opened = () => (typeof BroadcastChannel === "undefined" ? undefined : (channel ??= new BroadcastChannel("onetoken-playground-sign-out")));

/** The name of the meta tag by which a page needing no session (components/access/open-page.tsx) says so. */
export const OPEN_PAGE = "playground-open-page";

/** Only once the sign-out succeeded: a failed one leaves every tab signed in, with nothing to leave for. */
export const tellSignOut = (): void => opened()?.postMessage(null);

/** For every page, once (the root layout's providers): a second call replaces the first's handler. */
export const leaveOnSignOutElsewhere = (): void => {
  const news = opened();
  if (!news) return;
  news.onmessage = () => {
    // Drafts are kept per tab: whoever signs in next in this one (a shared computer) finds nothing typed.
    forgetDrafts();
    // A page open to anyone (a poll's, the sign-in page) stays, with a choice or a password not yet sent.
    if (!document.querySelector(`meta[name="${OPEN_PAGE}"]`)) location.reload();
  };
};
