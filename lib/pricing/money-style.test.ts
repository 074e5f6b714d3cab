import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { moneyStyle, moneyStyles, moneyWriter, writeMoney } from "./money-style";
import { formatMoney } from "./prices";

const CURRENCIES = ["USD", "CNY", "EUR", "GBP", "JPY", "KRW", "CHF", "HKD", "INR"] as const;
const LANGUAGES = ["en", "zh-CN"] as const;

describe("money written without Intl", () => {
  it("reads as Intl writes it, for any amount, currency and language of the interface", () => {
    const amount = fc.oneof(
      fc.double({ min: 0, max: 1e12, noNaN: true }),
      fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 1000),
      // Ties in the shortest decimal form, which ICU rounds up: 0.0455, 1.005, 2.675.
      fc.integer({ min: 0, max: 100_000 }).map((tenths) => (tenths * 10 + 5) / 10_000),
      fc.constantFrom(0, 0.0995, 0.09999, 0.1, 9.995, 999.995, 999_999.995, 1e21, 5e-324, 1.5e-7),
    );
    for (const currency of CURRENCIES)
      for (const language of LANGUAGES) {
        const style = moneyStyle(currency, language);
        expect(style).not.toBeNull();
        fc.assert(fc.property(amount, (value) => writeMoney(style!, value) === formatMoney(value, currency, language)), { numRuns: 300 });
      }
  });

  it("writes a refund's minus where Intl writes it", () => {
    const style = moneyStyle("USD", "en")!;
    const refund = fc.oneof(fc.double({ min: -1e9, max: -0.01, noNaN: true }), fc.double({ min: -0.01, max: -Number.MIN_VALUE, noNaN: true }), fc.constant(-0));
    fc.assert(fc.property(refund, (value) => writeMoney(style, value) === formatMoney(value, "USD", "en")));
  });

  it("leaves to Intl a language that does not group digits in threes", () => {
    expect(moneyStyle("INR", "en-IN")).toBeNull();
    expect(moneyWriter({ en: null, zh: null }, "INR", "en")(1234567.5)).toBe(formatMoney(1234567.5, "INR", "en"));
  });

  it("has a style for every language of the interface", () => {
    const write = moneyWriter(moneyStyles("CNY"), "CNY", "zh");
    expect(write(1234.5)).toBe("¥1,234.50");
    expect(write(0.025)).toBe("¥0.025");
    expect(moneyWriter(moneyStyles("USD"), "USD", "en")(0.06)).toBe("$0.06");
    expect(moneyWriter(moneyStyles("USD"), "USD", "en")(Number.NaN)).toBe(formatMoney(Number.NaN, "USD", "en"));
  });
});
