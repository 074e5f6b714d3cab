import { useEffect } from "react";
import { MARK } from "./view-entry";

/**
 * The browser's Back (a phone's back gesture) closes a full-screen view, the slide show or the lightbox,
 * rather than leave the page under it: while the view is open the page's history has one entry more, at the
 * same address, and Back takes it away. Closing the view another way (Close, Escape) takes it away too, so a
 * later Back still leaves the page in one step. `close` is the view's own way out, so the focus goes where
 * it does after Escape.
 *
 * The entry is added without an address: Next.js's router, which patches `pushState`, copies its own state
 * into it and has nothing to navigate (the playground's `replaceState` of `?open=` is untouched). While the
 * entry is there the page's scroll is not restored by Back, which would undo a jump the view's action made
 * (Reuse settings scrolls to the form).
 */
export const useBackCloses = (close: () => void) => {
  useEffect(() => {
    if (!listening) {
      window.addEventListener("popstate", onPopState);
      listening = true;
    }
    // An entry already there is this view's own, kept over a remount (React's strict mode, a new `close`).
    // While a step back is on its way the entry there is a closed view's, about to go: the entry is added
    // once it has.
    if (!steppingBack && !isViewEntry(window.history.state)) addEntry();
    onScreen = close;
    return () => {
      if (onScreen === close) onScreen = null;
      // After this commit, so a view mounted again in it keeps the entry.
      queueMicrotask(() => {
        if (onScreen) return;
        if (isViewEntry(window.history.state)) stepBack();
        // Gone another way (a client navigation left it behind): the page that follows restores its scroll.
        else window.history.scrollRestoration = restoration;
      });
    };
  }, [close]);
};

const isViewEntry = (state: unknown): boolean => typeof state === "object" && state !== null && MARK in state;

/** The way out of the view on screen: there is one at most, each being modal. */
let onScreen: (() => void) | null = null;
let listening = false;
/** A `history.back()` of the hook's own not yet landed: it is asynchronous, and a view may open before it does. */
let steppingBack = false;
/** The page's own scroll restoration, given back when its entry is reached again. */
let restoration: ScrollRestoration = "auto";

const addEntry = () => {
  restoration = window.history.scrollRestoration;
  // Set before the entry is added, which takes the page entry's mode along: Back lands with neither restoring.
  window.history.scrollRestoration = "manual";
  window.history.pushState({ [MARK]: true }, "");
};

const stepBack = () => {
  steppingBack = true;
  window.history.back();
};

const onPopState = () => {
  const own = steppingBack;
  steppingBack = false;
  if (isViewEntry(window.history.state)) {
    // Forward onto the entry of a view since closed: nothing is open there, and a Back from it would seem
    // to do nothing, so the page goes back to its own entry.
    if (!onScreen) stepBack();
    return;
  }
  window.history.scrollRestoration = restoration;
  // A view opened while the hook's own step back was on its way stays open, with an entry of its own.
  if (own) {
    if (onScreen) addEntry();
    return;
  }
  const view = onScreen;
  onScreen = null;
  view?.();
};
