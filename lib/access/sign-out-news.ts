/**
 * A sign-out told at once to every other tab of this browser, so that a page holding no live stream (the
 * leaderboard, a share or vote page) does not stay on screen signed out. A BroadcastChannel reaches the
 * browser's other tabs, never the channel it was sent on: one channel per page, so its own tab is not told.
 * A tab told loads its page again and the server decides: a page behind the gate sends it to sign in with its
 * place to come back to (lib/access/next-path.ts), while a poll open to anyone with its link stays. In every
 * page's first load: kept to these few lines.
 */
let channel: BroadcastChannel | undefined;
const opened = () => (typeof BroadcastChannel === "undefined" ? undefined : (channel ??= new BroadcastChannel("onetoken-playground-sign-out")));

export const tellSignOut = (): void => opened()?.postMessage(null);

/** For every page, once (the root layout's providers): a second call replaces the first's handler. */
export const leaveOnSignOutElsewhere = (): void => {
  const news = opened();
  // The sign-in page has nowhere to send the tab, and a reload would lose a password being typed.
  if (news) news.onmessage = () => location.pathname !== "/sign-in" && location.reload();
};
