// The history's kinds of card, one module so they load as one chunk (components/lazy.ts).
export { GenerationCard } from "./generation-card";
export { ComparisonCard } from "@/components/compare/comparison-card";
export { GridCard } from "@/components/grid/grid-card";
export { BatchCard } from "@/components/batch/batch-card";
// Broken pictures mend once the store is back (installed when this chunk arrives: cards are what show them).
export { mendStoredImages } from "@/components/ui/retry-stored-images";
