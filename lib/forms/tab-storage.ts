/**
 * The tab's own storage, where the forms keep their drafts (components/playground/use-draft.ts): it outlives a
 * reload and the trip through sign-in, and goes with the tab (two tabs keep two; nothing typed stays behind on
 * a shared computer once the tab is closed). Null where the browser refuses it (storage turned off): a draft is
 * a convenience, never a reason to fail.
 */
export const tabStorage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** Every key the playground keeps in a tab starts so. */
export const TAB_PREFIX = "playground.";

export const writeTab = (key: string, text: string | null): void => {
  try {
    if (text === null) tabStorage()?.removeItem(key);
    else tabStorage()?.setItem(key, text);
  } catch {
    // Full: the draft before this change stays, which is the most that can be kept.
  }
};

/**
 * Signing out on purpose leaves nothing typed in the tab for whoever signs in next: the tab that signed out and
 * every other tab told of it (lib/access/sign-out-news.ts). A tab sent away because its session ended keeps its
 * drafts, to give them back once signed in again.
 */
export const forgetDrafts = (): void => {
  const storage = tabStorage();
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key) => key?.startsWith(TAB_PREFIX));
  for (const key of keys) if (key) writeTab(key, null);
};
