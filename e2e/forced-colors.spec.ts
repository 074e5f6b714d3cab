import type { Locator, Page } from "@playwright/test";
import { clearHistory, ComparePanel, EditPanel, expect, test } from "./fixtures";

/**
 * Forced colours (Windows' contrast themes) paint every background in the page's colour and take box-shadows
 * away: what a control showed only by a fill or a ring must still show, by an edge, an outline or the system's
 * Highlight. Measured in the computed styles, light and dark, with a screenshot of each to look at.
 */

const SCHEMES = ["light", "dark"] as const;

/** A system colour as this page resolves it. */
const systemColour = (page: Page, name: "Canvas" | "Highlight") =>
  page.evaluate((colour) => {
    const probe = document.createElement("div");
    probe.style.backgroundColor = colour;
    document.body.append(probe);
    const value = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return value;
  }, name);

/** Focus as the Tab key brings it (so it matches :focus-visible): from the control before it, back again. */
const tabTo = async (page: Page, control: Locator) => {
  await control.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(control).toBeFocused();
};

/** The focus indicator drawn on `element` (the wrapper of an invisible control): an outline in a colour that shows. */
const expectOutline = async (element: Locator, canvas: string, what: string) => {
  const outline = await element.evaluate((node) => {
    const style = getComputedStyle(node);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor };
  });
  expect(outline.style, `${what}: an outline`).not.toBe("none");
  expect(outline.width, `${what}: an outline`).toBeGreaterThanOrEqual(1);
  expect(outline.colour, `${what}: an outline not in the page's colour`).not.toBe(canvas);
};

const background = (element: Locator) => element.evaluate((node) => getComputedStyle(node).backgroundColor);

/**
 * How much of the box of `element`'s first text is painted in the element's own fill (read just inside its top
 * edge): little where forced colours put a backplate of the page's colour behind the text, which hides it when
 * the text is in that colour too.
 */
const fillBehindText = async (page: Page, element: Locator) => {
  const box = await element.evaluate((node) => {
    const outer = node.getBoundingClientRect();
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, { acceptNode: (text) => (text.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
    const text = walker.nextNode();
    if (!text) throw new Error("no text");
    const range = document.createRange();
    range.selectNodeContents(text);
    const inner = range.getBoundingClientRect();
    return { x: Math.round(inner.x - outer.x), y: Math.round(inner.y - outer.y), width: Math.round(inner.width), height: Math.round(inner.height), fillX: Math.round(outer.width / 2) };
  });
  const png = (await element.screenshot()).toString("base64");
  return page.evaluate(async ({ png, box }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(image, 0, 0);
    const fill = context.getImageData(box.fillX, 3, 1, 1).data;
    const pixels = context.getImageData(box.x, box.y, box.width, box.height).data;
    let same = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      if ([0, 1, 2].every((channel) => Math.abs((pixels[index + channel] ?? 0) - (fill[channel] ?? 0)) < 16)) same++;
    }
    return same / (pixels.length / 4);
  }, { png, box });
};

/** An on/off switch: an edge that shows against the page and a knob that shows against the track. */
/** Once a switch's colours have moved (they glide, when it is toggled and when forced colours come on), not half way. */
const settled = (control: Locator) =>
  control.evaluate(async (node) => {
    // A glide cut short by a newer one (a style that changed again, as the page finished loading) is over; the
    // newer one is waited for in turn.
    for (let animations = node.getAnimations({ subtree: true }); animations.length > 0; animations = node.getAnimations({ subtree: true })) {
      await Promise.allSettled(animations.map((animation) => animation.finished));
    }
  });

const switchLook = async (control: Locator, canvas: string) => {
  await settled(control);
  const look = await control.evaluate((node) => {
    const track = getComputedStyle(node);
    const knob = getComputedStyle(node, "::before");
    return { edge: track.borderTopStyle === "none" ? 0 : parseFloat(track.borderTopWidth), edgeColour: track.borderTopColor, fill: track.backgroundColor, knob: knob.backgroundColor };
  });
  const name = await control.getAttribute("id");
  expect(look.edge, `${name}: an edge`).toBeGreaterThanOrEqual(1);
  expect(look.edgeColour, `${name}: an edge not in the page's colour`).not.toBe(canvas);
  expect(look.knob, `${name}: a knob that shows on its track`).not.toBe(look.fill);
  return look;
};

/** Both states of a switch show, and differently; the switch is left as it was. */
const expectSwitchShows = async (control: Locator, canvas: string) => {
  const before = await switchLook(control, canvas);
  await control.click();
  const after = await switchLook(control, canvas);
  expect(after.fill, "on and off look different").not.toBe(before.fill);
  await control.click();
  await settled(control);
};

test.describe("in forced colours", () => {
  test.describe.configure({ timeout: 90_000 });

  for (const colorScheme of SCHEMES) {
    test(`the on/off switches show their track and knob, on and off (${colorScheme})`, async ({ playground, page }) => {
      await page.emulateMedia({ forcedColors: "active", colorScheme });
      const canvas = await systemColour(page, "Canvas");
      await playground.openMoreOptions();
      for (const name of ["Prompt rewriting (prompt_extend)", "Watermark"]) await expectSwitchShows(playground.form.getByRole("switch", { name }), canvas);
      await playground.form.getByRole("switch", { name: "Watermark" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/forced-colours-switches-${colorScheme}.png` });

      const compare = new ComparePanel(page);
      await compare.open();
      const blind = compare.form.getByRole("switch", { name: "Blind comparison" });
      await expectSwitchShows(blind, canvas);
      await blind.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/forced-colours-blind-${colorScheme}.png` });
    });

    test(`the keyboard's focus shows on a size tile, the chosen size and mode are marked, Generate has an edge (${colorScheme})`, async ({ playground, page }) => {
      await page.emulateMedia({ forcedColors: "active", colorScheme });
      const [canvas, highlight] = [await systemColour(page, "Canvas"), await systemColour(page, "Highlight")];

      const sizes = playground.form.getByRole("group", { name: "Size", exact: true });
      await tabTo(page, sizes.getByRole("radio", { checked: true }));
      await page.keyboard.press("ArrowRight");
      const tile = sizes.locator("label").filter({ has: page.getByRole("radio", { checked: true }) });
      await expectOutline(tile, canvas, "the focused size tile");
      expect(await background(tile), "the chosen size tile in Highlight").toBe(highlight);
      expect(await fillBehindText(page, tile), "the chosen size's text on the Highlight, not on a box of the page's colour").toBeGreaterThan(0.5);
      const other = sizes.locator("label").filter({ has: page.getByRole("radio", { checked: false }) }).first();
      expect(await background(other), "another size tile not in Highlight").not.toBe(highlight);

      const tabs = page.getByRole("group", { name: "Mode" });
      const chosenTab = tabs.getByRole("button", { pressed: true });
      expect(await background(chosenTab), "the chosen mode in Highlight").toBe(highlight);
      expect(await fillBehindText(page, chosenTab), "the chosen mode's text on the Highlight, not on a box of the page's colour").toBeGreaterThan(0.5);
      for (const tab of await tabs.getByRole("button", { pressed: false }).all()) expect(await background(tab), `${await tab.innerText()} not in Highlight`).not.toBe(highlight);

      const edge = await playground.generateButton.evaluate((node) => {
        const style = getComputedStyle(node);
        return { width: style.borderTopStyle === "none" ? 0 : parseFloat(style.borderTopWidth), colour: style.borderTopColor, fill: style.backgroundColor };
      });
      expect(edge.width, "Generate has an edge").toBeGreaterThanOrEqual(1);
      expect(edge.colour, "Generate's edge shows").not.toBe(edge.fill);
      await tile.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/forced-colours-form-${colorScheme}.png` });
    });
  }

  test("the keyboard's focus shows on the Replace image chooser and on an edit's before/after slider", async ({ playground, page }) => {
    await playground.prompt.fill("A red bicycle against a wall");
    await playground.generateButton.click();
    await playground.latest().getByRole("button", { name: "Edit this image" }).click();
    const edit = new EditPanel(page);
    await expect(edit.inputImage.getByRole("img")).toBeVisible();
    await edit.prompt.fill("Paint the bicycle blue");
    await edit.submit.click();
    const slider = page.getByRole("article", { name: /Paint the bicycle blue/ }).getByRole("slider");
    await expect(slider).toBeVisible();

    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ forcedColors: "active", colorScheme });
      const canvas = await systemColour(page, "Canvas");
      const chooser = edit.form.getByLabel("Replace image");
      await tabTo(page, chooser);
      await expectOutline(chooser.locator("xpath=.."), canvas, "Replace image");
      await page.screenshot({ path: `test-results/screenshots/forced-colours-chooser-${colorScheme}.png` });
      await tabTo(page, slider);
      await expectOutline(slider.locator("xpath=.."), canvas, "the before/after slider");
      await page.screenshot({ path: `test-results/screenshots/forced-colours-slider-${colorScheme}.png` });
    }
  });
  test("a voter's pick stays marked among the candidates, by an outline the others lack", async ({ page, request }) => {
    await clearHistory(request);
    const comparison = { models: ["wan2.6-t2i", "qwen-image"], prompt: "A lighthouse on a cliff at dawn", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 9, promptExtend: false, watermark: false, blind: true };
    const compared = await request.post("/api/comparisons", { data: comparison, headers: { prefer: "wait=20" } });
    expect(compared.ok()).toBe(true);
    const poll = await request.post("/api/polls", { data: { title: "Which lighthouse?", sets: [((await compared.json()) as { id: string }).id], reveal: "on_close", access: "link" } });
    expect(poll.status()).toBe(201);
    await page.goto(((await poll.json()) as { path: string }).path);
    await page.getByRole("button", { name: "Image B is best" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your vote: Image B" })).toBeVisible();
    const candidate = (letter: string) => page.getByRole("listitem").filter({ has: page.getByRole("img", { name: `Image ${letter}` }) });
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ forcedColors: "active", colorScheme });
      const canvas = await systemColour(page, "Canvas");
      await expectOutline(candidate("B"), canvas, "the picked image");
      expect(await candidate("A").evaluate((node) => getComputedStyle(node).outlineStyle), "the other image").toBe("none");
      await page.screenshot({ path: `test-results/screenshots/forced-colours-vote-${colorScheme}.png` });
    }
  });
});
