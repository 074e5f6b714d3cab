import { useLayoutEffect, useRef, useState } from "react";
import type { HistoryActions } from "./actions";

/**
 * The same functions, render after render, each calling the latest of `actions`: the playground builds its
 * actions afresh on every render, and a card given a new object cannot skip its own re-render (the list
 * would re-render every card each time a page lands, a card is selected or one is deleted).
 */
export const useStableActions = (actions: HistoryActions): HistoryActions => {
  const latest = useRef(actions);
  // After the render, before any event can reach a card: a render that is thrown away changes nothing.
  useLayoutEffect(() => {
    latest.current = actions;
  });
  const [stable] = useState<HistoryActions>(() => ({
    reuseSettings: (...args) => latest.current.reuseSettings(...args),
    reuseSeed: (...args) => latest.current.reuseSeed(...args),
    usePrompt: (...args) => latest.current.usePrompt(...args),
    editImage: (...args) => latest.current.editImage(...args),
    retry: (...args) => latest.current.retry(...args),
    remove: (...args) => latest.current.remove(...args),
    showStep: (...args) => latest.current.showStep(...args),
    openImage: (...args) => latest.current.openImage(...args),
    present: (...args) => latest.current.present(...args),
  }));
  return stable;
};
