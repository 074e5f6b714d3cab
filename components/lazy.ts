import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { recoverable } from "./recoverable";

/**
 * Parts most visits never open, loaded the first time they are shown, so the first load stays small
 * (docs/benchmarks.md has the figure). None of them renders on the server: each waits for a click. Each is
 * recoverable: code that cannot be fetched leaves a note with Try again in the part's place, not a broken page.
 */
export const HistoryLightbox = dynamic(recoverable(() => import("./history/history-lightbox").then((module) => module.HistoryLightbox)), { ssr: false });
export const CodeDialog = dynamic(recoverable(() => import("./history/code-dialog").then((module) => module.CodeDialog)), { ssr: false });
export const PromptDiff = dynamic(recoverable(() => import("./history/prompt-diff").then((module) => module.PromptDiff)), { ssr: false });
// The compare, grid, batch and edit forms are mounted the first time their tab is opened (and then kept, so nothing typed is lost).
export const CompareForm = dynamic(recoverable(() => import("./compare/compare-form").then((module) => module.CompareForm)), { ssr: false });
export const BatchForm = dynamic(recoverable(() => import("./batch/batch-form").then((module) => module.BatchForm)), { ssr: false });
export const GridForm = dynamic(recoverable(() => import("./grid/grid-form").then((module) => module.GridForm)), { ssr: false });
export const EditForm = dynamic(recoverable(() => import("./edit/edit-form").then((module) => module.EditForm)), { ssr: false });
// The history's selection offers a poll; its code loads when a comparison is first selected.
// What to take away (a deck, a zip, a CSV, a contact sheet) is offered once items are chosen, or the
// favourites' disclosure is opened.
export const TakeawayLinks = dynamic(recoverable(() => import("./sets/takeaway-links").then((module) => module.TakeawayLinks)), { ssr: false });
export const FavouritesTakeaway = dynamic(recoverable(() => import("./history/favourites-takeaway").then((module) => module.FavouritesTakeaway)), { ssr: false });
export const PollButton = dynamic(recoverable(() => import("./polls/poll-button").then((module) => module.PollButton)), { ssr: false });
export const Presentation = dynamic(recoverable(() => import("./present/presentation").then((module) => module.Presentation)), { ssr: false });
export const ConnectionCheck = dynamic(recoverable(() => import("./gateway/connection-check").then((module) => module.ConnectionCheck)), { ssr: false });
// The screen reader's word when a run ends: nothing to see, nothing to say before a run ends, and a run ending
// in the moment before it arrives is taken in with the rest, as one ended before the page loaded is.
// Its code failing to arrive costs the page nothing but the region: an unseen part needs no note and no Try again.
export const RunAnnouncer = dynamic(() => import("./history/run-announcer").then((module) => module.RunAnnouncer, () => () => null), { ssr: false });
// Shown only once something asks: the cost question before a large run, and the way back to typed work a
// click replaced.
export const CostConfirm = dynamic(recoverable(() => import("./playground/cost-confirm").then((module) => module.CostConfirm)), { ssr: false });
export const ReplacedNote = dynamic(recoverable(() => import("./playground/replaced-note").then((module) => module.ReplacedNote)), { ssr: false });

type Cards = typeof import("./history/cards");
let cards: Cards | null = null;
const loadCards = () =>
  import("./history/cards").then((module) => {
    module.mendStoredImages();
    return (cards = module);
  });

/**
 * The history's cards' code, loaded the first time there is a card to show (an empty history never fetches
 * it): null until it is here, and the list shows nothing until then, so it appears whole, where a
 * placeholder per card would be replaced by a card of another height (a layout shift). Not React.lazy under
 * a Suspense boundary: React holds a boundary's content back for up to 300 ms after it suspended (its
 * reveal throttle), which was most of the time a reloaded history stayed blank.
 */
export const useCards = (wanted: boolean): { cards: Cards | null; failed: boolean; retry: () => void } => {
  const [loaded, setLoaded] = useState(cards);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted || loaded) return;
    let current = true;
    loadCards().then(
      (module) => current && setLoaded(module),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [wanted, loaded, attempt]);
  // The code may have come meanwhile by another way (a run started preloads it): then it is here for this list too.
  const here = loaded ?? cards;
  return {
    cards: here,
    failed: failed && !here,
    retry: () => {
      setFailed(false);
      setAttempt((count) => count + 1);
    },
  };
};

/** Called when something is about to be spent: its card's code is on its way while the gateway works. */
export const preloadCards = () => void loadCards().catch(() => undefined);
