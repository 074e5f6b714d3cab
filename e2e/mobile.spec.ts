import { expect, test } from "./fixtures";

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
    // Under the button, whole on the screen.
    expect(bubble && button && bubble.y >= button.y + button.height && bubble.x >= 0 && bubble.x + bubble.width <= 390).toBe(true);
    await page.screenshot({ path: "test-results/screenshots/phone-disabled-reason.png" });
    await expect(playground.form.getByLabel("Seed")).toHaveValue("");
    await expect(told).toHaveCount(0, { timeout: 6_000 });
  });
});
