import { useSyncExternalStore } from "react";

const stays = () => () => undefined;

/** False in the server's HTML and until React has taken over the page, then true: what a form waits for to act. */
export const useHydrated = () => useSyncExternalStore(stays, () => true, () => false);
