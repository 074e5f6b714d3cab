import { describe, expect, it } from "vitest";
import { EDIT_MODELS } from "../models/edit-models";
import { MODELS } from "../models/registry";
import { parsePriceConfig } from "./price-config";
import { DEFAULT_PRICES } from "./default-prices";
import { blindSpendKey, dayCost, formatMoney, imageCost, spendCost } from "./prices";

describe("prices", () => {
  it("has a default for every model, from the registries", () => {
    for (const model of [...MODELS, ...EDIT_MODELS]) expect(DEFAULT_PRICES.perImage[model.id]).toBeGreaterThan(0);
    expect(parsePriceConfig({})).toEqual(DEFAULT_PRICES);
    expect(imageCost(DEFAULT_PRICES, "wanx2.1-t2i-turbo", 4)).toBeCloseTo(0.1);
  });

  it("takes the operator's own figures, refusing what it cannot read", () => {
    expect(parsePriceConfig({ IMAGE_PRICES: "wan2.6-t2i=0.05, qwen-image-max=0.1" }).perImage).toMatchObject({ "wan2.6-t2i": 0.05, "qwen-image-max": 0.1, "qwen-image": DEFAULT_PRICES.perImage["qwen-image"] });
    expect(() => parsePriceConfig({ IMAGE_PRICES: "wan2.6-t2i:0.05" })).toThrow(/IMAGE_PRICES must list model=price pairs/);
    expect(() => parsePriceConfig({ IMAGE_PRICES: "dall-e=0.04" })).toThrow(/names a model the playground does not know: dall-e/);
    expect(() => parsePriceConfig({ IMAGE_PRICE_CURRENCY: "yuan" })).toThrow(/IMAGE_PRICE_CURRENCY must be a three-letter currency code/);
  });

  it("wants every price in another currency, since the defaults are dollars", () => {
    expect(() => parsePriceConfig({ IMAGE_PRICE_CURRENCY: "CNY", IMAGE_PRICES: "wan2.6-t2i=0.2" })).toThrow(/must give every model's price when IMAGE_PRICE_CURRENCY is not USD \(missing: wan2.5-t2i-preview/);
    const all = [...new Set([...MODELS, ...EDIT_MODELS].map((model) => model.id))].map((id) => `${id}=0.2`).join(",");
    expect(parsePriceConfig({ IMAGE_PRICE_CURRENCY: "CNY", IMAGE_PRICES: all })).toMatchObject({ currency: "CNY", perImage: { "qwen-image": 0.2 } });
  });

  it("writes money as people read it", () => {
    expect(formatMoney(0.06, "USD", "en")).toBe("$0.06");
    expect(formatMoney(0.025, "USD", "en")).toBe("$0.025");
    expect(formatMoney(12.5, "USD", "en")).toBe("$12.50");
    expect(formatMoney(0.5, "CNY", "zh-CN")).toBe("¥0.50");
  });

  it("prices a blind comparison's spend at its models' mean, whichever column it was", () => {
    const prices = DEFAULT_PRICES;
    const key = blindSpendKey(["wan2.6-t2i", "qwen-image-max"]);
    expect(key).toBe(blindSpendKey(["qwen-image-max", "wan2.6-t2i"]));
    expect(spendCost(prices, key, 2)).toBeCloseTo((imageCost(prices, "wan2.6-t2i", 2) + imageCost(prices, "qwen-image-max", 2)) / 2);
    expect(spendCost(prices, "wan2.6-t2i", 2)).toBe(imageCost(prices, "wan2.6-t2i", 2));
  });

  it("answers a day's cost as the amount it is, without the sums' binary noise", () => {
    const prices = parsePriceConfig({ IMAGE_PRICES: "wan2.6-t2i=0.1, qwen-image-max=0.2" });
    const spent = [{ model: "wan2.6-t2i", images: 1 }, { model: "qwen-image-max", images: 1 }];
    // 0.1 + 0.2 is 0.30000000000000004 in binary: an API's reader would see that.
    expect(dayCost(prices, spent)).toBe(0.3);
    expect(dayCost(prices, [])).toBe(0);
  });
});
