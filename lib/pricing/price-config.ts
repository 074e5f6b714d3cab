import { z } from "zod";
import { blankToUndefined, invalidConfigMessage } from "../env-values";
import { DEFAULT_PRICES, PRICED_MODEL_IDS } from "./default-prices";
import type { PriceTable } from "./prices";

/** The operator's prices from the environment, checked once at start-up with a message naming the variable. */

const ENTRY = /^([\w.-]+)=(\d+(?:\.\d+)?)$/;

const envSchema = z
  .object({
    IMAGE_PRICE_CURRENCY: z.preprocess(blankToUndefined, z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code such as USD or CNY").default("USD")),
    IMAGE_PRICES: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
        .pipe(
          z.array(
            z
              .string()
              .regex(ENTRY, "must list model=price pairs separated by commas, such as wan2.6-t2i=0.03,qwen-image-max=0.07")
              .refine((entry) => PRICED_MODEL_IDS.includes(entry.split("=")[0] ?? ""), { error: (issue) => `names a model the playground does not know: ${String(issue.input).split("=")[0]}` }),
          ),
        )
        .default([]),
    ),
  })
  .superRefine((value, ctx) => {
    // Other money than the defaults' dollars: every model's price must be the operator's own.
    const given = new Set(value.IMAGE_PRICES.map((entry) => entry.split("=")[0]));
    const missing = PRICED_MODEL_IDS.filter((id) => !given.has(id));
    if (value.IMAGE_PRICE_CURRENCY !== "USD" && missing.length > 0) {
      ctx.addIssue({ code: "custom", path: ["IMAGE_PRICES"], message: `must give every model's price when IMAGE_PRICE_CURRENCY is not USD (missing: ${missing.join(", ")})` });
    }
  });

export const parsePriceConfig = (env: Record<string, string | undefined>): PriceTable => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(invalidConfigMessage(parsed.error.issues, env, []));
  const overrides = Object.fromEntries(parsed.data.IMAGE_PRICES.map((entry) => [entry.split("=")[0], Number(entry.split("=")[1])]));
  return { currency: parsed.data.IMAGE_PRICE_CURRENCY, perImage: { ...DEFAULT_PRICES.perImage, ...overrides } };
};

export const describePriceConfig = (prices: PriceTable): string => {
  const overridden = Object.entries(prices.perImage).filter(([id, price]) => DEFAULT_PRICES.perImage[id] !== price).length;
  return overridden === 0
    ? "Prices: Model Studio's published list where known, estimates elsewhere, in USD (IMAGE_PRICES overrides them)."
    : `Prices: ${overridden} set by IMAGE_PRICES, in ${prices.currency}.`;
};
