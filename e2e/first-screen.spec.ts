import { expect, selectModel, test } from "./fixtures";
import { startHoldingProxy } from "./holding-proxy";
import { shiftsSeen, watchShifts } from "./layout-shifts";

test.describe("the first screen", () => {
  test("is painted only once its header and the form are parsed whole, so a slow device sees nothing move", async ({ page, baseURL }) => {
    // The page's HTML held back for 2 s halfway through the generation form (among the sizes, whose labels
    // gain their second line as the rest arrives), as a slow network or a busy device leaves it.
    const proxy = await startHoldingProxy(
      baseURL ?? "",
      (html) => {
        const start = html.indexOf('<form noValidate="" aria-label="Generation settings"');
        return start + Math.floor((html.indexOf("</form>", start) - start) / 2);
      },
      2_000,
    );
    try {
      await page.goto(proxy.url, { waitUntil: "commit" });
      await proxy.holding;
      await expect.poll(() => page.evaluate(() => document.querySelector("form") !== null), { message: "half the form is in the document" }).toBe(true);
      // Time enough for several frames: a page that is going to paint half parsed does so in the first.
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => performance.getEntriesByType("paint").map(({ name }) => name)), "nothing painted while the form is half parsed").toEqual([]);

      await expect(page.getByRole("button", { name: "Generate" })).toBeVisible();
      await page.waitForLoadState("load");
      // Every shift since the page began to load, from the browser's buffer.
      await watchShifts(page, true);
      expect(await shiftsSeen(page), "no shift once the rest arrived").toEqual([]);
      expect(await page.evaluate(() => performance.getEntriesByType("paint").map(({ name }) => name))).toContain("first-contentful-paint");
    } finally {
      await proxy.close();
    }
  });

  test("the chosen size's tick keeps clear of its words and inside its option, in a wide window and on a phone", async ({ playground, browser }) => {
    const origin = new URL(playground.page.url()).origin;
    const devices = [{ viewport: { width: 1440, height: 900 } }, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } }];
    for (const device of devices) {
      const context = await browser.newContext({ ...device, baseURL: origin });
      const page = await context.newPage();
      const size = page.getByRole("group", { name: "Size", exact: true });
      await page.goto("/");
      // Wan 2.6's sizes, one with a custom size too; Qwen-Image 2.0 Pro's, the widest numbers.
      for (const model of ["Wan 2.6", "Qwen-Image 2.0 Pro"]) {
        await selectModel(page.getByRole("form", { name: "Generation settings" }).getByLabel("Model", { exact: true }), model);
        const radios = size.getByRole("radio");
        expect(await radios.count()).toBeGreaterThan(2);
        for (const radio of await radios.all()) {
          await radio.check();
          const option = radio.locator("..");
          const tick = option.getByText("✓", { exact: true });
          await expect(tick).toBeVisible();
          const { mark, box, words } = await option.evaluate((label) => {
            const spans = [...label.querySelectorAll("span")];
            const rect = (element: Element) => element.getBoundingClientRect().toJSON() as DOMRect;
            const leaf = (span: Element) => span.children.length === 0 && (span.textContent ?? "").trim() !== "";
            const mark = spans.find((span) => span.textContent === "✓");
            // Its words: each text span, or the label's own text (Custom size) as the range around it.
            const own = [...label.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? "").trim() !== "");
            const ownRects = own.map((node) => {
              const text = document.createRange();
              text.selectNodeContents(node);
              return text.getBoundingClientRect().toJSON() as DOMRect;
            });
            return { mark: mark ? rect(mark) : null, box: rect(label), words: [...spans.filter((span) => leaf(span) && span !== mark).map(rect), ...ownRects] };
          });
          const name = `${model}, ${await radio.getAttribute("id")}`;
          if (!mark) throw new Error(`${name}: no tick`);
          expect(words.length, name).toBeGreaterThan(0);
          // Inside the edge, clear of it.
          expect(mark.left - box.left, name).toBeGreaterThanOrEqual(3);
          expect(box.right - mark.right, name).toBeGreaterThanOrEqual(3);
          expect(mark.top - box.top, name).toBeGreaterThanOrEqual(3);
          expect(box.bottom - mark.bottom, name).toBeGreaterThanOrEqual(3);
          // Apart from every line of its words: by 4 px across or down.
          for (const word of words) {
            const apart = Math.max(word.left - mark.right, mark.left - word.right, word.top - mark.bottom, mark.top - word.bottom);
            expect(apart, `${name}: the tick is ${apart} px from its words`).toBeGreaterThanOrEqual(4);
          }
        }
      }
      await context.close();
    }
  });
});
