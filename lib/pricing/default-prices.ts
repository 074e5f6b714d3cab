import { ALL_MODELS } from "../models/all-models";
import type { PriceTable } from "./prices";

/**
 * The registries' estimates, what an operator's IMAGE_PRICES starts from (price-config.ts). A file of its own:
 * the page prices with the table the server hands it, and would otherwise load the editing models' registry
 * with its first screen only to build this one.
 */
export const PRICED_MODEL_IDS: readonly string[] = [...new Set(ALL_MODELS.map((model) => model.id))];

export const DEFAULT_PRICES: PriceTable = {
  currency: "USD",
  perImage: Object.fromEntries(ALL_MODELS.map((model) => [model.id, model.price.usdPerImage])),
};
