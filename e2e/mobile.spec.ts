import { seriousViolations } from "./axe";
import { clearHistory, expect, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test.describe("on a phone", () => {
  test("generate, see the result beside its revised prompt, open the lightbox", async ({ playground, page }) => {
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await playground.prompt.fill("A bicycle leaning on a blue door");
    await playground.generateButton.tap();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    await expect(result.getByTestId("revised-prompt")).toContainText("A bicycle leaning on a blue door");
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/phone.png" });

    await result.getByRole("button", { name: /^Open image 1/ }).tap();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("img")).toHaveJSProperty("complete", true);
    const box = await dialog.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await dialog.getByRole("button", { name: "Close" }).tap();
    await expect(page.locator("dialog")).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("a tap on a button that cannot act yet says why, where a pointer would see a tooltip", async ({ playground, page }) => {
    await playground.openMoreOptions();
    const clear = playground.form.getByRole("button", { name: "Clear", exact: true });
    await expect(clear).toHaveAttribute("aria-disabled", "true");
    const told = page.getByRole("status").filter({ hasText: "Already empty: a new random seed each time." });
    await expect(told).toHaveCount(0);
    // Forced: Playwright waits for an aria-disabled button to be enabled, where a finger just taps it.
    await clear.tap({ force: true });
    await expect(told).toBeVisible();
    const [button, bubble] = [await clear.boundingBox(), await told.boundingBox()];
    if (!button || !bubble) throw new Error("The button or its reason is not on the screen");
    // Beside the button, not over it (under it, or above where the screen ends below it), and whole on the screen.
    const boxes = `button ${JSON.stringify(button)}, reason ${JSON.stringify(bubble)}`;
    expect(bubble.y >= button.y + button.height || bubble.y + bubble.height <= button.y, boxes).toBe(true);
    expect(bubble.x >= 0 && bubble.x + bubble.width <= 390 && bubble.y >= 0 && bubble.y + bubble.height <= 844, boxes).toBe(true);
    await page.screenshot({ path: "test-results/screenshots/phone-disabled-reason.png" });
    await expect(playground.form.getByLabel("Seed")).toHaveValue("");
    await expect(told).toHaveCount(0, { timeout: 6_000 });
  });

  test("a finger held on a button with help shows the help, and the button does not act", async ({ playground, page }) => {
    await playground.prompt.fill("A kite over a beach");
    await playground.generateButton.tap();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    await playground.prompt.fill("A kite over a field");
    const reuse = result.getByRole("button", { name: "Reuse settings", exact: true });
    await reuse.scrollIntoViewIfNeeded();
    const box = await reuse.boundingBox();
    if (!box) throw new Error("Reuse settings is not on the screen");
    // A finger put down and held: Playwright's tap lifts at once, so the touch goes through the browser itself.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }] });
    const told = page.getByRole("status").filter({ hasText: "Everything as it was, the seed used included, to make this image again." });
    await expect(told).toBeVisible();
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await page.screenshot({ path: "test-results/screenshots/phone-held-help.png" });
    // Lifted after the help showed: the settings were not reused, the prompt typed stays.
    await page.waitForTimeout(300);
    await expect(playground.prompt).toHaveValue("A kite over a field");
    // A key right after it is a new press: the button acts.
    await reuse.press("Enter");
    await expect(playground.prompt).toHaveValue("A kite over a beach");
  });

  test("on a 375 px touch screen, every action of the selection bar is on screen without a sideways swipe, in English and in Chinese", async ({ request, browser, origin }) => {
    await clearHistory(request);
    for (const prompt of ["A red kite over the dunes", "A blue kite over the sea"]) {
      const generation = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed: 5, promptExtend: false, watermark: false };
      expect((await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    }
    const viewport = { width: 375, height: 667 };
    for (const { locale, region, select, actions } of [
      { locale: "en-GB", region: "Selection", select: "Select", actions: ["Present selection", "Share selection", "Download as slides", "Images (zip)", "Results (CSV)", "Contact sheet", "Clear selection"] },
      { locale: "zh-CN", region: "已选内容", select: "选择", actions: ["演示所选", "分享所选", "下载为幻灯片", "图片（zip）", "结果（CSV）", "缩略图总览", "清除选择"] },
    ]) {
      const context = await browser.newContext({ baseURL: origin, locale, viewport, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(8_000);
        await page.goto("/");
        const cards = page.getByRole("article");
        await expect(cards).toHaveCount(2);
        for (const card of await cards.all()) await card.getByRole("checkbox", { name: new RegExp(`^${select} ?“`) }).tap();
        const bar = page.getByRole("region", { name: region });
        const group = bar.getByRole("group");
        await expect(group.getByRole("link")).toHaveCount(3);
        await bar.scrollIntoViewIfNeeded();
        for (const name of actions) {
          const action = bar.getByRole(/^(Images|Results|Contact|图片|结果|缩略)/.test(name) ? "link" : "button", { name, exact: true });
          const box = await action.boundingBox();
          if (!box) throw new Error(`${name} is not on the screen`);
          // Whole inside the screen: nothing cut at its edge, nothing to swipe to.
          expect(box.x, name).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, name).toBeLessThanOrEqual(viewport.width);
          expect(box.y, name).toBeGreaterThanOrEqual(0);
          expect(box.y + box.height, name).toBeLessThanOrEqual(viewport.height);
        }
        expect(await bar.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
        await page.screenshot({ path: `test-results/screenshots/phone-selection-${locale}.png` });
        // Still held at the top as the cards scroll under it, and far from filling the screen.
        await page.evaluate(() => window.scrollBy(0, 400));
        await expect.poll(async () => (await bar.boundingBox())?.y ?? -1).toBeLessThanOrEqual(1);
        expect((await bar.boundingBox())?.height ?? viewport.height).toBeLessThanOrEqual(viewport.height * 0.4);
      } finally {
        await context.close();
      }
    }
  });

  test("a voter enlarges each candidate of a blind poll, closes it, and votes from the large view", async ({ page, request }) => {
    await clearHistory(request);
    const comparison = { models: ["wan2.6-t2i", "qwen-image-max", "qwen-image"], prompt: "A lighthouse on a cliff at dawn", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 9, promptExtend: true, watermark: false, blind: true };
    const compared = await request.post("/api/comparisons", { data: comparison, headers: { prefer: "wait=20" } });
    expect(compared.ok()).toBe(true);
    const poll = await request.post("/api/polls", { data: { title: "Which lighthouse?", sets: [((await compared.json()) as { id: string }).id], reveal: "on_close", access: "link" } });
    expect(poll.status()).toBe(201);
    await page.goto(((await poll.json()) as { path: string }).path);
    const images = page.getByRole("img", { name: /^Image [ABC]$/ });
    await expect(images).toHaveCount(3);
    for (const image of await images.all()) await expect(image).toHaveJSProperty("naturalWidth", 1024);
    // Three side by side on a phone: each too small to judge.
    const small = (await images.nth(1).boundingBox())?.width ?? 0;
    expect(small).toBeLessThan(130);
    await page.screenshot({ path: "test-results/screenshots/phone-vote.png", fullPage: true });

    await page.getByRole("button", { name: "Enlarge image B" }).tap();
    const large = page.getByRole("dialog", { name: "Image B" });
    const image = large.getByRole("img", { name: "Image B" });
    await expect(image).toHaveJSProperty("complete", true);
    expect((await image.boundingBox())?.width ?? 0).toBeGreaterThan(3 * small);
    expect((await large.boundingBox())?.width ?? 999).toBeLessThanOrEqual(390);
    // The focus is on Close, not on a pick that an Enter meant to close would press.
    await expect(large.getByRole("button", { name: "Close" })).toBeFocused();
    await expect(large.getByRole("button", { name: "Image B is best" })).toBeVisible();
    // Blind as the page is: the letter alone, the same anonymised picture.
    const text = await large.innerText();
    for (const name of ["Wan 2.6", "Qwen-Image", "wan2.6-t2i", "qwen-image"]) expect(text).not.toContain(name);
    expect(await image.getAttribute("src")).toBe(await images.nth(1).getAttribute("src"));
    await page.screenshot({ path: "test-results/screenshots/phone-vote-enlarged.png" });
    expect(await seriousViolations(page)).toEqual([]);
    await large.getByRole("button", { name: "Close" }).tap();
    await expect(page.locator("dialog")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Enlarge image B" })).toBeFocused();

    // A tap on the picture itself enlarges it too; Escape closes it, for a keyboard.
    await images.nth(2).tap();
    await expect(page.getByRole("dialog", { name: "Image C" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);

    // The vote, from the large view: it closes, and the focus is on what was recorded.
    await page.getByRole("button", { name: "Enlarge image A" }).press("Enter");
    await page.getByRole("dialog", { name: "Image A" }).getByRole("button", { name: "Image A is best" }).tap();
    await expect(page.locator("dialog")).toHaveCount(0);
    const recorded = page.getByRole("status").filter({ hasText: "Your vote" });
    await expect(recorded).toContainText("Your vote: Image A.");
    await expect(recorded).toBeFocused();
    // Still there after the vote, without a pick to make.
    await page.getByRole("button", { name: "Enlarge image A" }).tap();
    await expect(page.getByRole("dialog", { name: "Image A" }).getByRole("button", { name: "Image A is best" })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
