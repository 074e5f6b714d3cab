import { devices } from "@playwright/test";
import { expect, PlaygroundPage, test } from "./fixtures";

test.describe("presenting and sharing", () => {
  test("a presentation of a selection: keyboard and click move between preloaded slides, Escape leaves", async ({ playground, compare, page, browser }) => {
    await compare.chooseModels(["Wan 2.2 flash", "Qwen-Image"]);
    await compare.prompt.fill("Two models, one cat");
    await compare.submit();
    await expect(compare.column(compare.card(), "Qwen-Image").getByRole("img")).toBeVisible();
    await page.getByRole("button", { name: "One model" }).click();
    await playground.chooseModel("Wan 2.2 flash");
    await playground.form.getByLabel("Number of images").fill("2");
    await playground.prompt.fill("Two images of a dog");
    await playground.generateButton.click();
    const single = playground.results.filter({ hasText: "Two images of a dog" });
    await expect(single.getByRole("img")).toHaveCount(2);

    await single.getByLabel("Select").check();
    await compare.card().getByLabel("Select").check();
    const selection = page.getByRole("region", { name: "Selection" });
    await expect(selection).toContainText("2 selected");
    const present = selection.getByRole("button", { name: "Present selection" });
    await present.click();

    // In the order chosen: the two images of the single generation, then the comparison on one slide.
    const show = page.getByRole("dialog", { name: "Presentation" });
    const counter = show.getByText(/^Slide \d of 3$/);
    const fullSources = await single.getByRole("img").evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src.replace(/\/thumb$/, "")));
    await expect(counter).toHaveText("Slide 1 of 3");
    await expect(show.getByTestId("slide-prompt")).toHaveText("Two images of a dog");
    await expect(show.getByRole("img")).toHaveJSProperty("src", fullSources[0]);
    await expect(show.getByRole("figure")).toContainText("Wan 2.2 flash");
    await expect(show.getByRole("figure")).toContainText("Revised:");
    // The next slide's image is already loaded before anyone asks for it.
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name)))
      .toContain(fullSources[1]);

    await page.keyboard.press("ArrowRight");
    await expect(counter).toHaveText("Slide 2 of 3");
    await expect(show.getByRole("img")).toHaveJSProperty("src", fullSources[1]);
    await expect(show.getByRole("img")).toHaveJSProperty("complete", true);
    await page.keyboard.press("PageDown");
    await expect(counter).toHaveText("Slide 3 of 3");
    await expect(show.getByTestId("slide-prompt")).toHaveText("Two models, one cat");
    await expect(show.getByRole("figure")).toHaveCount(2);
    await expect(show.getByRole("figure").filter({ hasText: "Qwen-Image" }).getByRole("img")).toBeVisible();
    await show.screenshot({ path: "test-results/screenshots/presentation.png" });
    await page.keyboard.press("ArrowRight");
    await expect(counter).toHaveText("Slide 3 of 3");
    await page.keyboard.press("ArrowLeft");
    await expect(counter).toHaveText("Slide 2 of 3");
    // After a click on Previous, Space still advances (it does not press Previous again).
    await show.getByRole("button", { name: "Previous" }).click();
    await expect(counter).toHaveText("Slide 1 of 3");
    await page.keyboard.press("Space");
    await expect(counter).toHaveText("Slide 2 of 3");
    // A click on the slide advances, as a presenter's remote would.
    await show.getByRole("region", { name: "Current slide" }).click();
    await expect(counter).toHaveText("Slide 3 of 3");
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
    await expect(present).toBeFocused();

    // A shared selection is titled by each viewer's own language, not by the sharer's.
    await selection.getByRole("button", { name: "Share selection" }).click();
    const link = await selection.getByRole("textbox", { name: "Share link" }).inputValue();
    for (const [locale, heading] of [["en-GB", "Shared images"], ["zh-CN", "分享的图片"]] as const) {
      const viewer = await browser.newContext({ locale });
      const shared = await viewer.newPage();
      await shared.goto(link);
      await expect(shared.getByRole("heading", { level: 1 })).toHaveText(heading);
      await viewer.close();
    }
  });

  test("Next pressed by the keyboard to the last slide hands the focus to Previous, and the keys go on working", async ({ playground, page }) => {
    const generation = { model: "wan2.2-t2i-flash", prompt: "Two paper cranes", negativePrompt: "", width: 512, height: 512, n: 2, seed: 5, promptExtend: true, watermark: false };
    expect((await page.request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    await page.reload();
    await playground.latest().getByRole("button", { name: "Present", exact: true }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    const counter = show.getByText(/^Slide \d of 2$/);
    await expect(counter).toHaveText("Slide 1 of 2");
    const [previous, next] = [show.getByRole("button", { name: "Previous" }), show.getByRole("button", { name: "Next" })];
    await next.focus();
    // Next does nothing on the last slide: the focus goes to Previous, the way back, not to the page's body.
    await page.keyboard.press("Enter");
    await expect(counter).toHaveText("Slide 2 of 2");
    await expect(previous).toBeFocused();
    await expect(next).toBeDisabled();
    await expect(previous).toBeEnabled();
    await page.keyboard.press("Enter");
    await expect(counter).toHaveText("Slide 1 of 2");
    await expect(next).toBeFocused();
    // An arrow key with the focus on Next reaches the end too, and Previous takes the focus again.
    await page.keyboard.press("ArrowRight");
    await expect(counter).toHaveText("Slide 2 of 2");
    await expect(previous).toBeFocused();
    await page.keyboard.press("Home");
    await expect(counter).toHaveText("Slide 1 of 2");
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
  });

  test("Exit shows its Escape key where a keyboard is likely, and not on a touch screen", async ({ playground, browser }) => {
    const generation = { model: "wan2.2-t2i-flash", prompt: "A paper boat on a pond", negativePrompt: "", width: 512, height: 512, n: 1, seed: 2, promptExtend: true, watermark: false };
    expect((await playground.page.request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    const devices = [
      { options: {}, hint: true },
      { options: { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } }, hint: false },
    ];
    const languages = [
      { locale: "en-GB", present: "Present", show: "Presentation", exit: "Exit", key: "(Esc)" },
      { locale: "zh-CN", present: "演示", show: "演示", exit: "退出", key: "（Esc）" },
    ];
    for (const { options, hint } of devices) {
      for (const { locale, present, show, exit, key } of languages) {
        const context = await browser.newContext({ ...options, locale, baseURL: new URL(playground.page.url()).origin });
        const page = await context.newPage();
        await page.goto("/");
        await page.getByRole("article").first().getByRole("button", { name: present, exact: true }).click();
        // Named by its word alone, with the key said as a shortcut: the same name on every device.
        const button = page.getByRole("dialog", { name: show }).getByRole("button", { name: exit, exact: true });
        await expect(button).toBeVisible();
        await expect(button).toHaveAttribute("aria-keyshortcuts", "Escape");
        if (hint) await expect(button.getByText(key)).toBeVisible();
        else await expect(button.getByText(key)).toBeHidden();
        // Escape, not a tap: the controls fade from a slide left alone, and a slow machine may be that slow.
        await page.keyboard.press("Escape");
        await expect(page.locator("dialog")).toHaveCount(0);
        await context.close();
      }
    }
  });

  test("a share link opens read-only in a fresh browser, and continues in the playground", async ({ playground, page, browser }) => {
    await playground.chooseModel("Qwen-Image");
    await playground.prompt.fill("A tea house poster with the words 春茶节");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    const revised = (await result.getByTestId("revised-prompt").textContent()) ?? "";
    expect(revised).not.toBe("");
    await result.getByRole("button", { name: "Share link" }).click();
    const link = await result.getByRole("textbox", { name: "Share link" }).inputValue();
    expect(link).toMatch(/\/share\/[\w-]{22}$/);
    // Reused from the history, the note says so and names the model as the list does.
    await result.getByRole("button", { name: "Reuse settings" }).click();
    await expect(playground.form.getByText("Settings loaded from the history (Qwen-Image).", { exact: true })).toBeVisible();

    const stranger = await browser.newContext();
    const visitor = await stranger.newPage();
    await visitor.goto(link);
    const shared = visitor.getByRole("article", { name: /A tea house poster/ });
    await expect(shared).toContainText("A tea house poster with the words 春茶节");
    await expect(shared).toContainText(revised);
    await expect(shared).toContainText("Qwen-Image (qwen-image)");
    await expect(shared.getByRole("img")).toHaveJSProperty("complete", true);
    await expect(visitor.getByRole("button", { name: "Generate" })).toHaveCount(0);
    await visitor.screenshot({ path: "test-results/screenshots/share.png", fullPage: true });

    await shared.getByRole("link", { name: "Open in playground" }).click();
    await expect(new PlaygroundPage(visitor).prompt).toHaveValue("A tea house poster with the words 春茶节");
    await expect(visitor).toHaveURL(/\/$/);
    await expect(new PlaygroundPage(visitor).modelSelect).toHaveValue("qwen-image");
    await expect(new PlaygroundPage(visitor).form.getByText("Settings loaded from the shared link (Qwen-Image).", { exact: true })).toBeVisible();
    await stranger.close();
    // In Chinese as well.
    const zh = await browser.newContext({ locale: "zh-CN" });
    const reader = await zh.newPage();
    await reader.goto(link);
    await reader.getByRole("link", { name: "在体验台中打开" }).click();
    await expect(reader.getByRole("form", { name: "生成设置" }).getByText("已从分享链接载入设置（Qwen-Image）。", { exact: true })).toBeVisible();
    await zh.close();

    expect((await page.request.get("/share/not-a-real-link")).status()).toBe(404);
    // A poll's results address mistyped, or cut short to nothing, is not found either (not an error page).
    for (const address of ["/leaderboard?poll=not-a-poll", "/leaderboard?poll="]) expect((await page.request.get(address)).status()).toBe(404);
  });

  test("a share page names OneToken as it is written, in either language", async ({ playground, browser }) => {
    const generation = { model: "wan2.2-t2i-flash", prompt: "A paper boat on a pond", negativePrompt: "", width: 512, height: 512, n: 1, seed: 2, promptExtend: true, watermark: false };
    const made = await playground.page.request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } });
    expect(made.status()).toBe(200);
    const share = await playground.page.request.post("/api/shares", { data: { title: "", entries: [{ kind: "generation", id: ((await made.json()) as { id: string }).id }] } });
    const path = ((await share.json()) as { path: string }).path;
    for (const [locale, from] of [["en-GB", "Shared from the OneToken Image Playground · read-only"], ["zh-CN", "分享自 OneToken 图像生成体验台 · 只读"]] as const) {
      const context = await browser.newContext({ locale, baseURL: new URL(playground.page.url()).origin });
      const page = await context.newPage();
      await page.goto(path);
      const line = page.getByText(from, { exact: true });
      await expect(line).toBeVisible();
      // What is read on screen (innerText is after CSS), not only what is in the markup.
      expect(await line.evaluate((element) => (element as HTMLElement).innerText)).toBe(from);
      await context.close();
    }
  });

  test("a slide's title stays clear of the controls over it, on a phone held either way, a small one sideways and a desktop", async ({ playground, browser }) => {
    const generation = { model: "wan2.2-t2i-flash", prompt: "A paper boat drifting on a quiet pond at dawn, mist over the water", negativePrompt: "", width: 512, height: 512, n: 1, seed: 2, promptExtend: true, watermark: false };
    const made = await playground.page.request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } });
    expect(made.status()).toBe(200);
    const share = await playground.page.request.post("/api/shares", { data: { title: "", entries: [{ kind: "generation", id: ((await made.json()) as { id: string }).id }] } });
    const path = ((await share.json()) as { path: string }).path;
    const touch = { isMobile: true, hasTouch: true };
    const english = { locale: "en-GB", colorScheme: "light", present: "Present", show: "Presentation" } as const;
    const chinese = { locale: "zh-CN", colorScheme: "dark", present: "演示", show: "演示" } as const;
    const cases = [
      { viewport: { width: 844, height: 390 }, device: touch, language: english },
      { viewport: { width: 844, height: 390 }, device: touch, language: chinese },
      { viewport: { width: 667, height: 375 }, device: touch, language: chinese },
      { viewport: { width: 390, height: 844 }, device: touch, language: english },
      { viewport: { width: 1440, height: 900 }, device: {}, language: english },
    ];
    for (const { viewport, device, language } of cases) {
      const context = await browser.newContext({ viewport, ...device, locale: language.locale, colorScheme: language.colorScheme, baseURL: new URL(playground.page.url()).origin });
      const page = await context.newPage();
      await page.goto(path);
      await page.getByRole("button", { name: language.present, exact: true }).click();
      const show = page.getByRole("dialog", { name: language.show });
      const title = show.getByTestId("slide-prompt");
      await expect(show.getByRole("img")).toHaveJSProperty("complete", true);
      const controls = show.getByTestId("slide-controls");
      // The words and the buttons themselves, not the band of shade under them, which may lie over the slide.
      const boxes = [await controls.locator("p").boundingBox(), ...(await Promise.all((await controls.getByRole("button").all()).map((button) => button.boundingBox())))];
      const titleBox = await title.boundingBox();
      await show.screenshot({ path: `test-results/screenshots/present-${viewport.width}x${viewport.height}-${language.locale}.png` });
      expect(titleBox).not.toBeNull();
      for (const box of boxes) {
        expect(box).not.toBeNull();
        if (!box || !titleBox) continue;
        const overlaps = box.x < titleBox.x + titleBox.width && titleBox.x < box.x + box.width && box.y < titleBox.y + titleBox.height && titleBox.y < box.y + box.height;
        // Soft: every size is tried (and pictured) before the test fails.
        expect.soft(overlaps, `${viewport.width}*${viewport.height} ${language.locale}: the title ${JSON.stringify(titleBox)} runs under a control ${JSON.stringify(box)}`).toBe(false);
      }
      await context.close();
    }
  });

  test("a long revised prompt is clamped to its lines with an ellipsis, and no caption line is cut, on a phone, a projector and a short wide window", async ({ playground, browser }) => {
    const prompt = `${"A lighthouse keeper's cottage on a windswept headland, whitewashed walls and a red door, gulls over the rocks, ".repeat(5)}evening`;
    expect(prompt.length).toBeGreaterThan(540);
    const generation = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed: 4, promptExtend: true, watermark: false };
    const made = await playground.page.request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } });
    expect(made.status()).toBe(200);
    const share = await playground.page.request.post("/api/shares", { data: { title: "", entries: [{ kind: "generation", id: ((await made.json()) as { id: string }).id }] } });
    const path = ((await share.json()) as { path: string }).path;
    // One picture on the slide: four lines, or fewer where the caption's third of a short window holds fewer.
    const cases = [
      { name: "iPhone 13", options: devices["iPhone 13"], lines: 4 },
      { name: "1920*1080", options: { viewport: { width: 1920, height: 1080 } }, lines: 4 },
      { name: "1920*600", options: { viewport: { width: 1920, height: 600 } }, lines: 3 },
    ];
    for (const { name, options, lines } of cases) {
      const context = await browser.newContext({ ...options, baseURL: new URL(playground.page.url()).origin });
      const page = await context.newPage();
      await page.goto(path);
      await page.getByRole("button", { name: "Present", exact: true }).click();
      const show = page.getByRole("dialog", { name: "Presentation" });
      await expect(show.getByRole("img")).toHaveJSProperty("complete", true);
      const revised = show.getByRole("figure").getByText(/^Revised: /);
      await expect(revised).toBeVisible();
      await show.screenshot({ path: `test-results/screenshots/present-long-caption-${name.replace(/\W+/g, "-")}.png` });
      const drawn = await revised.evaluate((element) => ({
        height: element.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(element).lineHeight),
        clamped: element.scrollHeight > element.clientHeight,
      }));
      // Soft: every size is tried (and pictured) before the test fails.
      expect.soft(drawn.height, `${name}: the revised prompt is ${drawn.height} px high, lines of ${drawn.lineHeight} px`).toBeLessThanOrEqual(lines * drawn.lineHeight + 0.5);
      expect.soft(drawn.height, `${name}: the revised prompt has fewer lines than it may`).toBeGreaterThan((lines - 1) * drawn.lineHeight + 0.5);
      expect.soft(drawn.clamped, `${name}: the revised prompt ends clamped`).toBe(true);
      const caption = await show.getByRole("figure").locator("figcaption").evaluate((element) => ({ scroll: element.scrollHeight, client: element.clientHeight }));
      expect.soft(caption.scroll, `${name}: the caption's box cuts its text`).toBeLessThanOrEqual(caption.client);
      await context.close();
    }
  });

  test("a comparison of four models on a phone held upright stacks its pictures, each beside its model's whole name", async ({ playground, browser }) => {
    const models = ["qwen-image-2.0-pro", "qwen-image-max", "wan2.6-t2i", "wan2.5-t2i-preview"];
    const body = { models, prompt: "A lantern festival over a river", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: false, watermark: false, blind: false };
    const made = await playground.page.request.post("/api/comparisons", { data: body, headers: { prefer: "wait=30" } });
    expect(made.status()).toBe(200);
    const share = await playground.page.request.post("/api/shares", { data: { title: "", entries: [{ kind: "comparison", id: ((await made.json()) as { id: string }).id }] } });
    const context = await browser.newContext({ ...devices["iPhone 13"], baseURL: new URL(playground.page.url()).origin });
    const page = await context.newPage();
    await page.goto(((await share.json()) as { path: string }).path);
    await page.getByRole("button", { name: "Present", exact: true }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    await expect(show.getByRole("img")).toHaveCount(4);
    await show.screenshot({ path: "test-results/screenshots/present-four-models-phone.png" });
    const labels = await show.locator("figcaption > span:first-child").evaluateAll((spans) => spans.map((span) => ({ text: span.textContent, cut: span.scrollHeight > span.clientHeight })));
    expect(labels).toEqual(["Qwen-Image 2.0 Pro", "Qwen-Image Max", "Wan 2.6", "Wan 2.5 preview"].map((text) => ({ text, cut: false })));
    // One a row, not four strips side by side: each picture in one column, below the last, all on the screen.
    const boxes = await show.getByRole("img").evaluateAll((images) => images.map((image) => image.getBoundingClientRect().toJSON() as DOMRect));
    boxes.forEach((box, index) => {
      expect(box.left).toBeCloseTo(boxes[0]?.left ?? 0, 0);
      expect(box.bottom).toBeLessThanOrEqual(844);
      if (index > 0) expect(box.top).toBeGreaterThanOrEqual(boxes[index - 1]?.bottom ?? 0);
    });
    await context.close();
  });

  test("a grid's slide lines its pictures up when one caption is longer than the other", async ({ grid, page }) => {
    await grid.prompt.fill("A glass greenhouse full of orchids in the rain, seen from the garden path at dusk");
    await grid.setAxis(1, "Prompt rewriting");
    await grid.run();
    const card = grid.card();
    await expect(card.getByRole("img")).toHaveCount(2);
    await card.getByRole("button", { name: "Present", exact: true }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    const figures = show.getByRole("figure");
    await expect(figures).toHaveCount(2);
    // Rewriting off: the caption is the cell's name alone; on: the name and the rewritten prompt under it.
    await expect(figures.nth(1)).toContainText("Revised:");
    await expect(figures.nth(0)).not.toContainText("Revised:");
    for (const picture of await show.getByRole("img").all()) await expect(picture).toHaveJSProperty("complete", true);
    const boxes = await show.getByRole("img").evaluateAll((images) =>
      images.map((image) => {
        // The picture as drawn (object-fit: contain), not its box.
        const box = image.getBoundingClientRect();
        const { naturalWidth, naturalHeight } = image as HTMLImageElement;
        const scale = Math.min(box.width / naturalWidth, box.height / naturalHeight);
        return { top: box.top + (box.height - naturalHeight * scale) / 2, height: naturalHeight * scale };
      }),
    );
    const captions = await show.getByTestId("slide-caption").evaluateAll((parts) => parts.map((part) => part.getBoundingClientRect().top));
    await show.screenshot({ path: "test-results/screenshots/presentation-grid-captions.png" });
    expect(boxes[0]?.top).toBeCloseTo(boxes[1]?.top ?? NaN, 0);
    expect(boxes[0]?.height).toBeCloseTo(boxes[1]?.height ?? NaN, 0);
    expect(captions[0]).toBeCloseTo(captions[1] ?? NaN, 0);
  });

  test("a grid cell's long name keeps to two lines on its slide, ending in an ellipsis, and its caption is not cut", async ({ grid, page }) => {
    const long =
      "a narrow stone bridge over a slow river at dusk, with mist rising between the old willow trees, paper boats drifting under the arches and lanterns hung from every railing all the way to the far bank";
    await grid.prompt.fill(`A lantern on {${long}|a hill}`);
    // The prompt's alternatives alone: two cells.
    await expect(grid.axis(2).getByLabel("Varies")).toHaveValue("variables");
    await grid.form.getByRole("button", { name: "Remove axis 1" }).click();
    await grid.run();
    const card = grid.card();
    await expect(card.getByRole("img")).toHaveCount(2);
    await page.setViewportSize({ width: 1280, height: 720 });
    await card.getByRole("button", { name: "Present", exact: true }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    const caption = show.getByTestId("slide-caption").filter({ hasText: long });
    await expect(caption).toHaveCount(1);
    const drawn = await caption.evaluate((element) => {
      const name = element.firstElementChild as HTMLElement;
      const style = getComputedStyle(name);
      return { lines: name.getBoundingClientRect().height / parseFloat(style.lineHeight), clamped: name.scrollHeight > name.clientHeight, text: name.textContent, scroll: element.scrollHeight, client: element.clientHeight };
    });
    await show.screenshot({ path: "test-results/screenshots/presentation-long-cell-name.png" });
    expect(Math.round(drawn.lines)).toBe(2);
    expect(drawn.clamped, "the name ends clamped").toBe(true);
    // Whole in the page's text, for a screen reader and for copying.
    expect(drawn.text).toContain(long);
    expect(drawn.scroll, "the caption's box cuts nothing").toBeLessThanOrEqual(drawn.client);
  });

  test("a share link or an address that leads nowhere says so in the site's own style, and leads back", async ({ page }) => {
    // The stylesheet is the site layout's, not the root layout's: a not-found page outside it would be unstyled.
    const styled = async () => {
      await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
      await expect(page.getByText(/check that it was copied whole/)).toBeVisible();
      await expect(page.getByRole("main")).toHaveCSS("max-width", "576px");
    };
    expect((await page.goto("/no/such/page"))?.status()).toBe(404);
    await styled();
    expect((await page.goto("/share/not-a-real-link"))?.status()).toBe(404);
    await styled();
    await page.getByRole("link", { name: "Go to the playground" }).click();
    await expect(new PlaygroundPage(page).prompt).toBeVisible();
  });
});
