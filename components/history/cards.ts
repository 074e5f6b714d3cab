// The history's list of cards and every kind of card, one module so they load as one chunk (components/lazy.ts).
export { CardList } from "./card-list";
export { ListFocus } from "./list-focus";
export { ListAnnouncer } from "./list-announcer";
// Broken pictures mend once the store is back (installed when this chunk arrives: cards are what show them).
export { mendStoredImages } from "@/components/ui/retry-stored-images";
