import type { Browser, Locator, Page } from "@playwright/test";
import { clearHistory, expect, test } from "./fixtures";

/**
 * WCAG 1.4.10 (reflow): at 320 px wide nothing leaves the screen and no word is broken in the middle, in
 * English and in Chinese; at a desktop width the same rows keep their one line.
 */

const NARROW = { width: 320, height: 700 };
const WIDE = { width: 1280, height: 800 };
const LOCALES = [
  { locale: "en-GB", mode: "Mode", select: "Select", favourite: "Favourite" },
  { locale: "zh-CN", mode: "模式", select: "选择", favourite: "收藏" },
] as const;

const openPage = async (browser: Browser, origin: string, locale: string, viewport: { width: number; height: number }): Promise<Page> => {
  const context = await browser.newContext({ baseURL: origin, locale, viewport });
  const page = await context.newPage();
  await page.goto("/");
  return page;
};

/** How many lines each piece of text in `element` takes: a word broken mid-way takes two. */
const textLines = (element: Locator) =>
  element.evaluate((node) => {
    const lines: Array<[string, number]> = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (!text.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      lines.push([text.textContent, new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size]);
    }
    return lines;
  });

test.describe("reflow", () => {
  test("at 320 px the mode tabs stay inside their pill and the screen, in English and Chinese; at 1280 px on one row", async ({ browser, origin }) => {
    for (const { locale, mode } of LOCALES) {
      for (const viewport of [NARROW, WIDE]) {
        const page = await openPage(browser, origin, locale, viewport);
        try {
          const pill = page.getByRole("group", { name: mode, exact: true });
          const outer = await pill.boundingBox();
          if (!outer) throw new Error("no mode tabs");
          const rows = new Set<number>();
          for (const tab of await pill.getByRole("button").all()) {
            const box = await tab.boundingBox();
            const name = `${await tab.innerText()} at ${viewport.width} px (${locale})`;
            if (!box) throw new Error(`${name} is not on the screen`);
            expect(box.x, name).toBeGreaterThanOrEqual(Math.max(0, outer.x));
            expect(box.x + box.width, name).toBeLessThanOrEqual(Math.min(viewport.width, outer.x + outer.width) + 0.5);
            expect(box.y + box.height, name).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
            expect(await textLines(tab), name).toEqual([[await tab.innerText(), 1]]);
            rows.add(Math.round(box.y));
          }
          if (viewport === WIDE) expect(rows.size, `one row at ${viewport.width} px (${locale})`).toBe(1);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll (${locale})`).toBeLessThanOrEqual(viewport.width);
          await page.screenshot({ path: `test-results/screenshots/reflow-tabs-${viewport.width}-${locale}.png` });
        } finally {
          await page.context().close();
        }
      }
    }
  });

  test("at 320 px a card's header breaks no word (Select, Favourite), in English and Chinese; at 1280 px it keeps one row", async ({ browser, request, origin }) => {
    await clearHistory(request);
    const generation = { model: "wan2.2-t2i-flash", prompt: "A narrow card", negativePrompt: "", width: 512, height: 512, n: 1, seed: 3, promptExtend: false, watermark: false };
    expect((await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    for (const { locale, select, favourite } of LOCALES) {
      for (const viewport of [NARROW, WIDE]) {
        const page = await openPage(browser, origin, locale, viewport);
        try {
          const card = page.getByRole("article").first();
          const selectBox = card.locator("label").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^${select} ?“`) }) });
          const star = card.getByRole("button", { name: favourite, exact: true });
          const name = `at ${viewport.width} px (${locale})`;
          expect(await textLines(selectBox), name).toEqual([[select, 1]]);
          expect((await textLines(star)).every(([, lines]) => lines === 1), `${favourite} ${name}`).toBe(true);
          const [cardBox, starBox, selectBoxBox] = [await card.boundingBox(), await star.boundingBox(), await selectBox.boundingBox()];
          if (!cardBox || !starBox || !selectBoxBox) throw new Error(`the card's header is not on the screen ${name}`);
          expect(starBox.x + starBox.width, `${favourite} inside the card ${name}`).toBeLessThanOrEqual(cardBox.x + cardBox.width);
          if (viewport === WIDE) expect(Math.abs(starBox.y + starBox.height / 2 - (selectBoxBox.y + selectBoxBox.height / 2)), `one row ${name}`).toBeLessThan(2);
          await card.screenshot({ path: `test-results/screenshots/reflow-card-${viewport.width}-${locale}.png` });
        } finally {
          await page.context().close();
        }
      }
    }
  });
});
