import { expect, test } from "./fixtures";

test.describe("themes", () => {
  test("follows the system until a theme is chosen, then remembers it", async ({ playground, page }) => {
    const html = page.locator("html");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html).toHaveAttribute("data-theme", "system");
    const systemDark = await background();
    await page.emulateMedia({ colorScheme: "light" });
    const systemLight = await background();
    expect(systemDark).not.toBe(systemLight);

    await page.getByLabel("Theme").selectOption("dark");
    await expect(html).toHaveAttribute("data-theme", "dark");
    expect(await background()).toBe(systemDark);
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(page.getByLabel("Theme")).toHaveValue("dark");
    expect(await background()).toBe(systemDark);
    await expect(playground.generateButton).toBeVisible();

    await page.getByLabel("Theme").selectOption("system");
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "system");
    expect(await background()).toBe(systemLight);
  });
});
