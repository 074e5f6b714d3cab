import "server-only";
import { parsePriceConfig } from "./price-config";
import type { PriceTable } from "./prices";

let prices: PriceTable | undefined;

/** The price table from the environment, read and checked once per server process (instrumentation.ts, at start-up). */
export const getPrices = (): PriceTable => (prices ??= parsePriceConfig(process.env));
