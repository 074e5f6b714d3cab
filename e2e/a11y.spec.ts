import { seriousViolations } from "./axe";
import type { Locator } from "@playwright/test";
import { BatchPanel, EditPanel, expect, test } from "./fixtures";

/** A box that scrolls is reached with Tab, shows where the focus is, and scrolls with the arrow keys. */
const expectKeyboardScrolls = async (box: Locator, key: "ArrowDown" | "ArrowRight", axis: "scrollTop" | "scrollLeft") => {
  await expect(box).toHaveAttribute("tabindex", "0");
  // Reached from the control before it, as a keyboard does, so the browser shows its focus ring.
  await box.focus();
  await box.page().keyboard.press("Shift+Tab");
  await box.page().keyboard.press("Tab");
  await expect(box).toBeFocused();
  expect(await box.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe("none");
  await box.page().keyboard.press(key);
  await expect.poll(() => box.evaluate((element, name) => element[name], axis)).toBeGreaterThan(0);
};

/** A box whose content fits is no tab stop and no region: Tab from the control before it goes past it. */
const expectNoTabStop = async (box: Locator) => {
  await expect(box).not.toHaveAttribute("tabindex");
  await expect(box).not.toHaveAttribute("role");
  await box.evaluate((element) => {
    const focusable = [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")].filter(
      (other) => other.tabIndex >= 0 && !element.contains(other) && Boolean(other.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    focusable.at(-1)?.focus();
  });
  await box.page().keyboard.press("Tab");
  await expect(box).not.toBeFocused();
};

test.describe("accessibility", () => {
  // Each axe pass over a full history takes seconds on a loaded 2-core machine; several passes per test.
  test.describe.configure({ timeout: 90_000 });

  test("the playground, the compare form, a result, the lightbox and a presentation", async ({ playground, page }) => {
    expect(await seriousViolations(page)).toEqual([]);
    // A button that does nothing yet stays in the tab order and says why, to a screen reader too.
    await playground.openMoreOptions();
    const clear = playground.form.getByRole("button", { name: "Clear" });
    await expect(clear).toBeDisabled();
    await expect(clear).toHaveAccessibleDescription("Already empty: a new random seed each time.");
    await clear.focus();
    await expect(clear).toBeFocused();

    await playground.prompt.fill("A paper crane on a desk");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await result.getByRole("button", { name: /^Open image 1/ }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);

    await result.getByRole("button", { name: "Present" }).click();
    await expect(page.getByRole("dialog", { name: "Presentation" }).getByText("Slide 1 of 1")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // Space and Enter advance, as a presenter expects: with one slide they do nothing, and the show stays.
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Presentation" }).getByText("Slide 1 of 1")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);

    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect(page.getByRole("form", { name: "Comparison settings" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The dark theme passes the same checks (contrast above all).
    await page.getByLabel("Theme").selectOption("dark");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "One model" }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Theme").selectOption("system");
  });

  test("the grid form and card, in both themes, and a grid's share page", async ({ grid, page }) => {
    await grid.prompt.fill("A {red|blue} kite");
    await expect(grid.form.getByRole("list", { name: "Prompts to be sent" }).getByRole("listitem")).toHaveCount(2);
    expect(await seriousViolations(page)).toEqual([]);
    await grid.axis(1).getByLabel("Seeds").fill("1, 2");
    await grid.run();
    const card = grid.card();
    await expect(card.getByRole("img")).toHaveCount(4);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Theme").selectOption("dark");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Theme").selectOption("system");

    await card.getByRole("button", { name: "Share link" }).click();
    await page.goto(await card.getByRole("textbox", { name: "Share link" }).inputValue());
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the batch form and card, in both themes", async ({ playground }) => {
    const { page } = playground;
    const batch = new BatchPanel(page);
    await batch.open();
    await batch.form.getByLabel("Prompts, one per line").fill(`A kite\n${"x".repeat(900)}`);
    await batch.form.getByLabel("Model", { exact: true }).selectOption("qwen-image");
    await expect(batch.form.getByRole("table", { name: "Rows to be sent" })).toContainText("Line 2:");
    expect(await seriousViolations(page)).toEqual([]);
    // Two lines fit in the preview's box: nothing to scroll, so no stop for Tab.
    await expectNoTabStop(batch.form.getByRole("table", { name: "Rows to be sent" }).locator(".."));
    // Fifty lines pasted: the preview scrolls in a box of its own, which the keyboard reaches and scrolls.
    await batch.form.getByLabel("Prompts, one per line").fill(Array.from({ length: 50 }, (_, index) => `A kite number ${index + 1}`).join("\n"));
    await expect(batch.form.getByRole("table", { name: "Rows to be sent" }).getByRole("row")).toHaveCount(51);
    expect(await seriousViolations(page)).toEqual([]);
    await expectKeyboardScrolls(batch.form.getByRole("region", { name: "Rows to be sent (scrolls)" }), "ArrowDown", "scrollTop");
    await batch.form.getByLabel("Prompts, one per line").fill("A kite\nA balloon");
    await batch.form.getByRole("button", { name: "Run the batch" }).click();
    await expect(batch.card().getByRole("img")).toHaveCount(2);
    await page.getByLabel("Theme").selectOption("dark");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Theme").selectOption("system");
  });

  test("the leaderboard with a vote: a table that fits is no tab stop; one that scrolls sideways on a phone is, and the keyboard scrolls it", async ({ page, request }) => {
    const comparison = { models: ["wan2.6-t2i", "qwen-image-max"], prompt: "A harbour at dawn", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 8, promptExtend: false, watermark: false, blind: true };
    const compared = await request.post("/api/comparisons", { data: comparison, headers: { prefer: "wait=20" } });
    expect(compared.ok()).toBe(true);
    const made = await request.post("/api/polls", { data: { title: "Which harbour?", sets: [((await compared.json()) as { id: string }).id], reveal: "after_vote", access: "link" } });
    expect(made.status()).toBe(201);
    const poll = (await made.json()) as { id: string; path: string };
    // The voter's page first (it gives the voter's cookie), then the vote.
    const voting = poll.path.replace("/vote/", "/api/vote/");
    expect((await request.get(voting)).ok()).toBe(true);
    expect((await request.post(`${voting}/votes`, { data: { item: 0, choice: { slot: 0 } } })).status()).toBe(201);

    // On a desktop both tables fit: their boxes are no tab stops.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/leaderboard?poll=${poll.id}`);
    await expect(page.getByRole("table", { name: "Head to head" })).toBeVisible();
    await expectNoTabStop(page.getByRole("table", { name: "Leaderboard" }).locator(".."));
    await expectNoTabStop(page.getByRole("table", { name: "Head to head" }).locator(".."));
    // On a phone the ranking scrolls, and its box becomes one, named for it.
    await page.setViewportSize({ width: 375, height: 667 });
    await expect(page.getByRole("region", { name: "Ranking (scrolls sideways)" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await expectKeyboardScrolls(page.getByRole("region", { name: "Ranking (scrolls sideways)" }), "ArrowRight", "scrollLeft");
    // One pair's head to head fits even on a phone: still no stop that would scroll nothing.
    const pairs = page.getByRole("table", { name: "Head to head" }).locator("..");
    expect(await pairs.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
    await expectNoTabStop(pairs);
  });

  test("a comparison card and a share page", async ({ compare, page }) => {
    await compare.chooseModels(["Wan 2.2 flash", "Qwen-Image"]);
    await compare.prompt.fill("A teapot");
    await compare.submit();
    const card = compare.card();
    await expect(compare.column(card, "Qwen-Image").getByRole("img")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole("button", { name: "Share link" }).click();
    const link = await card.getByRole("textbox", { name: "Share link" }).inputValue();
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the edit form, an edit with its before/after slider and chain, in both themes, and its share page", async ({ playground, page }) => {
    await playground.prompt.fill("A red bicycle against a wall");
    await playground.generateButton.click();
    await playground.latest().getByRole("button", { name: "Edit this image" }).click();
    const edit = new EditPanel(page);
    await expect(edit.inputImage.getByRole("img")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await edit.prompt.fill("Paint the bicycle blue");
    await edit.submit.click();
    const result = page.getByRole("article", { name: /Paint the bicycle blue/ });
    await expect(result.getByRole("slider")).toBeVisible();
    await expect(result.getByRole("list", { name: "Edit chain" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Theme").selectOption("dark");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Theme").selectOption("system");

    await result.getByRole("button", { name: "Share link" }).click();
    await page.goto(await result.getByRole("textbox", { name: "Share link" }).inputValue());
    await expect(page.getByRole("slider")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
