import { expect, selectModel, test } from "./fixtures";

test.describe("the first screen", () => {
  test("is painted only once its header and both columns are parsed, so a slow device sees nothing move", async ({ page }) => {
    const html = await (await page.request.get("/")).text();
    const head = html.slice(0, html.indexOf("</head>"));
    // The browser holds its first paint until the element the link names has been parsed whole.
    const expectLink = /<link rel="expect" href="#([\w-]+)" blocking="render"\/>/.exec(head);
    expect(expectLink, "a render-blocking expect link in the head").not.toBeNull();
    const target = expectLink?.[1] ?? "";

    await page.goto("/");
    const element = page.locator(`#${target}`);
    await expect(element).toHaveCount(1);
    // The element is the page's main part: the header is before it and the generation form inside it.
    expect(await element.evaluate((node) => node.tagName)).toBe("MAIN");
    await expect(element.getByRole("form", { name: "Generation settings" })).toBeVisible();
    const position = await element.evaluate((node) => document.querySelector("header")?.compareDocumentPosition(node) ?? 0);
    expect(position & 4, "the header comes before it (DOCUMENT_POSITION_FOLLOWING)").toBe(4);
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
