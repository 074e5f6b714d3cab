import type { APIRequestContext, Page } from "@playwright/test";
import { clearHistory, expect, test, viewEntryGone } from "./fixtures";

/**
 * What a newcomer's first hour and a stakeholder's screen ran into, each checked as a person meets it, at a
 * desktop's 1440 px and a phone's 390 px.
 */

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Tag-style text as people write it: no spaces anywhere. */
const tags = (words: readonly string[], length: number) => words.join(",").repeat(Math.ceil(length / words.join(",").length)).slice(0, length);
const TAG_PROMPT = tags(["masterpiece", "best_quality", "1girl", "solo", "long_hair", "looking_at_viewer", "cherry_blossoms", "https://example.com/ref.png"], 600);
const TAG_NEGATIVE = tags(["lowres", "bad_anatomy", "bad_hands", "text", "error", "missing_fingers", "extra_digit", "blurry", "jpeg_artifacts", "水印"], 500);

const createTagHistory = async (request: APIRequestContext): Promise<string> => {
  const generation = { model: "wan2.2-t2i-flash", prompt: TAG_PROMPT, negativePrompt: TAG_NEGATIVE, width: 512, height: 512, n: 2, seed: 1, promptExtend: true, watermark: false };
  const started = await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } });
  expect(started.status()).toBe(200);
  const comparison = { models: ["wan2.2-t2i-flash", "qwen-image"], prompt: TAG_PROMPT, negativePrompt: TAG_NEGATIVE, aspect: "1:1", perModel: 1, seed: 2, promptExtend: true, watermark: false, blind: false };
  const compared = await request.post("/api/comparisons", { data: comparison, headers: { prefer: "wait=20" } });
  expect(compared.ok()).toBe(true);
  const entries = [
    { kind: "generation", id: ((await started.json()) as { id: string }).id },
    { kind: "comparison", id: ((await compared.json()) as { id: string }).id },
  ];
  const share = await request.post("/api/shares", { data: { title: TAG_PROMPT.slice(0, 150), entries } });
  return ((await share.json()) as { path: string }).path;
};

/** Nothing on the page is wider than the window. */
const expectNoSideScroll = async (page: Page, where: string) => {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${where}: the page is ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
};

/** Nothing inside the element is cut off at its right edge. */
const expectNothingCut = async (page: Page, selector: string, where: string) => {
  const overflow = await page.locator(selector).evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow, `${where}: ${overflow} px cut off`).toBeLessThanOrEqual(1);
};

test.describe("a newcomer's walk-through", () => {
  for (const viewport of VIEWPORTS) {
    test(`tag-style prompts wrap everywhere and never widen the page (${viewport.name})`, async ({ page, request }) => {
      await clearHistory(request);
      const sharePath = await createTagHistory(request);
      await page.setViewportSize(viewport);
      await page.goto("/");
      const card = page.getByRole("article").filter({ hasText: "masterpiece" });
      await expect(card.first().getByRole("img").first()).toBeVisible();
      await expect(page.getByRole("article", { name: /^Comparison of 2 models/ }).getByRole("img").first()).toBeVisible();
      await expectNoSideScroll(page, "the playground");

      // The lightbox shows the whole text, wrapped.
      await page.getByRole("article").filter({ hasText: "masterpiece" }).last().getByRole("button", { name: /^Open image 1/ }).first().click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNothingCut(page, "dialog", "the lightbox");
      await expectNoSideScroll(page, "the lightbox");
      await page.keyboard.press("Escape");
      await expect(page.locator("dialog")).toHaveCount(0);

      // A presentation of the favourites... or of a selection: here the comparison's own Present.
      await page.getByRole("article", { name: /^Comparison of 2 models/ }).getByRole("button", { name: "Present" }).click();
      await expect(page.getByRole("dialog", { name: "Presentation" })).toBeVisible();
      await expectNothingCut(page, "dialog", "the presentation");
      await expectNoSideScroll(page, "the presentation");
      await page.keyboard.press("Escape");
      await viewEntryGone(page);

      await page.goto(sharePath);
      await expect(page.getByRole("article").first()).toBeVisible();
      await expectNoSideScroll(page, "the share page");
      await page.screenshot({ path: `test-results/screenshots/tags-${viewport.name}.png`, fullPage: viewport.name === "phone" });
    });
  }

  for (const viewport of VIEWPORTS) {
    test(`the prompt and Generate are on the first screen, the tabs on one line, the examples whole (${viewport.name})`, async ({ playground, page }) => {
      await page.setViewportSize(viewport);
      await page.reload();
      await expect(playground.prompt).toBeInViewport({ ratio: 1 });
      await expect(playground.generateButton).toBeInViewport({ ratio: 1 });
      const tabs = page.getByRole("group", { name: "Mode" }).getByRole("button");
      for (const tab of await tabs.all()) {
        expect((await tab.boundingBox())?.height ?? 0, await tab.innerText()).toBeLessThan(40);
        expect(await tab.evaluate((element) => element.scrollWidth <= element.clientWidth + 1), await tab.innerText()).toBe(true);
      }
      const examples = playground.form.getByLabel("Try an example");
      for (const title of await examples.locator("option").allInnerTexts()) {
        const fits = await examples.evaluate((select, text) => {
          const probe = document.createElement("span");
          probe.style.font = getComputedStyle(select).font;
          probe.style.position = "absolute";
          probe.style.whiteSpace = "nowrap";
          probe.textContent = text;
          document.body.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          // The text box of a select: its width less its padding and the arrow.
          return width <= select.clientWidth - 40;
        }, title);
        expect(fits, `"${title}" is cut off in the examples menu`).toBe(true);
      }
      await page.screenshot({ path: `test-results/screenshots/first-screen-${viewport.name}.png` });
    });
  }

  test("deleting a card far down the list says so where it was, long enough to undo, with the focus on Undo", async ({ playground, page, request }) => {
    for (let index = 1; index <= 6; index++) {
      const body = { model: "wan2.2-t2i-flash", prompt: `Card number ${index} of six`, negativePrompt: "", width: 512, height: 512, n: 1, seed: index, promptExtend: false, watermark: false };
      expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    }
    await page.reload();
    const last = playground.results.filter({ hasText: "Card number 1 of six" });
    await last.scrollIntoViewIfNeeded();
    await last.getByRole("button", { name: "Delete" }).click();
    const undo = page.getByRole("button", { name: "Undo" });
    await expect(undo).toBeInViewport();
    await expect(undo).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "Deleted “Card number 1 of six”." })).toBeVisible();
    // Still there well after the old 6 seconds, while the user is at it.
    await page.waitForTimeout(8_000);
    await undo.click();
    await expect(last).toBeVisible();
    await expect(playground.results).toHaveCount(6);
  });

  test("several images sit in a grid with their shared revised prompt once; the lightbox walks through them and on", async ({ playground, page, request }) => {
    const make = async (prompt: string, n: number) => {
      const body = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n, seed: 3, promptExtend: true, watermark: false };
      expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    };
    await make("A single lantern", 1);
    await make("Four paper cranes", 4);
    await page.reload();
    const four = playground.results.filter({ hasText: "Four paper cranes" });
    const thumbs = four.getByRole("button", { name: /^Open image \d of 4: / });
    await expect(thumbs).toHaveCount(4);
    const [first, second] = [await thumbs.nth(0).boundingBox(), await thumbs.nth(1).boundingBox()];
    expect(Math.abs((first?.y ?? 0) - (second?.y ?? 1)), "the first two images side by side").toBeLessThan(2);
    await expect(four.getByTestId("revised-prompt")).toHaveCount(1);
    await expect(four.getByText("Revised prompt of all 4 images")).toBeVisible();

    await thumbs.nth(0).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toHaveAccessibleName("Image 1 of 4");
    await page.keyboard.press("ArrowRight");
    await expect(dialog).toHaveAccessibleName("Image 2 of 4");
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByRole("button", { name: "Next" }).click();
    await expect(dialog).toHaveAccessibleName("Image 4 of 4");
    // On across the history: the next result's image.
    await page.keyboard.press("ArrowRight");
    await expect(dialog).toHaveAccessibleName("Image 1 of 1");
    await expect(dialog).toContainText("A single lantern");
    await expect(dialog.getByRole("button", { name: "Next" })).toBeDisabled();
    await page.keyboard.press("ArrowLeft");
    await expect(dialog).toHaveAccessibleName("Image 4 of 4");
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
  });

  test("a 2,000-character prompt is clamped with Show more, and in the lightbox its text scrolls beside the image", async ({ playground, page, request }) => {
    const prompt = `A long prompt ${"with many careful words about light, texture and composition ".repeat(40)}`.slice(0, 2000);
    const body = { model: "wan2.6-t2i", prompt, negativePrompt: "", width: 1280, height: 1280, n: 1, seed: 4, promptExtend: true, watermark: false };
    expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    await page.reload();
    const card = playground.latest();
    const header = card.locator("header p").first();
    expect((await header.boundingBox())?.height ?? 999).toBeLessThan(80);
    await card.locator("header").getByRole("button", { name: "Show more" }).click();
    expect((await header.boundingBox())?.height ?? 0).toBeGreaterThan(200);
    await card.locator("header").getByRole("button", { name: "Show less" }).click();

    await card.getByRole("button", { name: /^Open image 1/ }).click();
    const dialog = page.getByRole("dialog");
    const image = dialog.getByRole("img");
    await expect(image).toHaveJSProperty("complete", true);
    const before = await image.boundingBox();
    const panel = dialog.locator("div.overflow-y-auto").first();
    await panel.getByRole("button", { name: "Show more" }).first().click();
    expect(await panel.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    await panel.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(image).toBeInViewport({ ratio: 1 });
    expect(await image.boundingBox()).toEqual(before);
    await page.screenshot({ path: "test-results/screenshots/lightbox-long-prompt.png" });
  });

  test("a presentation at 1920*1080: type for a meeting room, pictures as large as the slide allows, controls that fade", async ({ page, request }) => {
    const body = { models: ["wan2.2-t2i-flash", "qwen-image"], prompt: "A tea house on a misty mountain at dawn", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: true, watermark: false, blind: false };
    expect((await request.post("/api/comparisons", { data: body, headers: { prefer: "wait=20" } })).ok()).toBe(true);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto("/");
    await page.getByRole("article", { name: /^Comparison of 2 models/ }).first().getByRole("button", { name: "Present" }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    const images = show.getByRole("img");
    await expect(images).toHaveCount(2);
    for (const image of await images.all()) await expect(image).toHaveJSProperty("complete", true);

    const px = (value: string) => Number.parseFloat(value);
    expect(px(await show.getByTestId("slide-prompt").evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(40);
    for (const caption of await show.getByTestId("slide-caption").all()) {
      expect(px(await caption.evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(24);
    }
    // The picture itself as drawn (object-fit: contain), not its box: at least two thirds of the screen's height.
    for (const image of await images.all()) {
      const drawn = await image.evaluate((element) => {
        const img = element as HTMLImageElement;
        const scale = Math.min(img.clientWidth / img.naturalWidth, img.clientHeight / img.naturalHeight);
        return img.naturalHeight * scale;
      });
      expect(drawn, "drawn picture height").toBeGreaterThanOrEqual(1080 * 0.66);
    }

    const controls = show.getByTestId("slide-controls");
    await page.mouse.move(900, 500);
    await expect(controls).toHaveCSS("opacity", "1");
    await page.waitForTimeout(3_200);
    await expect(controls).toHaveCSS("opacity", "0");
    // Faded, they take no click: one near the top lands on the slide (the next), not on an unseen Previous or Exit.
    await expect(controls).toHaveCSS("pointer-events", "none");
    await page.mouse.move(950, 520);
    await expect(controls).toHaveCSS("opacity", "1");
    await page.screenshot({ path: "test-results/screenshots/present-1920.png" });
    await page.keyboard.press("Escape");
  });

  test("money, not only counts: the cost before a run, per result, per comparison and spent today", async ({ playground, compare, page }) => {
    await page.getByRole("button", { name: "One model" }).click();
    const spentToday = async () => Number(/about \$(\d+\.\d+)$/.exec((await page.getByTestId("usage").textContent()) ?? "")?.[1] ?? Number.NaN);
    await expect(page.getByTestId("usage")).toHaveText(/images? today · about \$\d+\.\d+$/);
    const before = await spentToday();
    await playground.chooseModel("Wan 2.1 turbo");
    await playground.form.getByLabel("Number of images").fill("2");
    // Wan 2.1 turbo: $0.025 an image on Model Studio's list.
    await expect(playground.form.getByTestId("run-estimate")).toHaveText("2 images, about $0.05 (estimate)");
    await playground.prompt.fill("Two paper lanterns");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toHaveCount(2);
    await expect(result.locator("dt:text-is('Cost (estimate)') + dd")).toHaveText("$0.05 (2 images at $0.025)");
    // Both readings are rounded to the cent, so together they may be a cent apart from the exact sum.
    await expect.poll(async () => Math.abs((await spentToday()) - (before + 0.05))).toBeLessThanOrEqual(0.0101);

    // A run big enough to ask about says what it costs in the question.
    await playground.form.getByLabel("Number of images").fill("4");
    await playground.chooseModel("Qwen-Image 2.0 Pro");
    await playground.form.getByLabel("Number of images").fill("6");
    await playground.generateButton.click();
    await expect(page.getByRole("alertdialog")).toContainText("This run creates 6 images, about $0.42 (an estimate), and each one is billed.");
    await page.getByRole("button", { name: "Not now" }).click();

    await compare.open();
    await compare.chooseModels(["Wan 2.1 turbo", "Wan 2.1 plus"]);
    await expect(compare.form.getByTestId("run-estimate")).toHaveText("2 images, about $0.075 (estimate)");
    await compare.prompt.fill("One lantern, two models");
    await compare.submit();
    await expect(compare.column(compare.card(), "Wan 2.1 plus").getByRole("img")).toBeVisible();
    await expect(compare.card()).toContainText("about $0.075 in all (estimate)");
  });

  test("the keyboard's first stops skip to the prompt or past the form to the history", async ({ playground, page }) => {
    await page.keyboard.press("Tab");
    const toPrompt = page.getByRole("link", { name: "Skip to the prompt" });
    await expect(toPrompt).toBeFocused();
    await expect(toPrompt).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(playground.prompt).toBeFocused();
    await page.reload();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to the history" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "History" })).toBeFocused();
    // In another mode, the prompt on screen: not the one-model form's, hidden.
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    const comparison = page.getByRole("form", { name: "Comparison settings" });
    await expect(comparison).toBeVisible();
    await toPrompt.focus();
    await page.keyboard.press("Enter");
    await expect(comparison.getByLabel("Prompt", { exact: true })).toBeFocused();
  });
});
