// The history's list of cards and every kind of card, one module so they load as one chunk (components/lazy.ts).
export { CardList } from "./card-list";
export { ListFocus } from "./list-focus";
export { ListAnnouncer } from "./list-announcer";
// The selection's Share, and which of its sets can be a poll: a selection is made of cards.
export { ShareButton } from "./share-button";
export { canPoll } from "@/lib/polls/can-poll";
// Broken pictures mend once the store is back (installed when this chunk arrives: cards are what show them).
export { mendStoredImages } from "@/components/ui/retry-stored-images";
