import type { APIRequestContext, Page } from "@playwright/test";
import { clearHistory, expect, test } from "./fixtures";

/** A finished generation made through the API, answering its id. */
const makeGeneration = async (request: APIRequestContext, prompt: string) => {
  const generation = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed: 6, promptExtend: true, watermark: false };
  const made = await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } });
  expect(made.status()).toBe(200);
  return ((await made.json()) as { id: string }).id;
};

/** Where a Back that leaves the page must land: the page the test came from. */
const FROM = /\/leaderboard$/;

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test.describe("the browser's Back closes a full-screen view, and only that", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("Back closes the lightbox: the page, its address, its scroll and the focus stay as Close leaves them", async ({ page, request }) => {
    await clearHistory(request);
    for (const prompt of ["A red kite", "A green kite", "A blue kite"]) await makeGeneration(request, prompt);
    await page.goto("/leaderboard");
    await page.goto("/");
    // The oldest card, down the page: Back must not move the page under the lightbox.
    const card = page.getByRole("article").filter({ hasText: "A red kite" });
    const opener = card.getByRole("button", { name: /^Open image 1 of 1/ });
    await opener.scrollIntoViewIfNeeded();
    const scrolled = await scrollY(page);
    expect(scrolled).toBeGreaterThan(0);
    const address = page.url();
    await opener.click();
    await expect(page.getByRole("dialog", { name: "Image 1 of 1" })).toBeVisible();

    await page.goBack();
    await expect(page.locator("dialog")).toHaveCount(0);
    expect(page.url()).toBe(address);
    await expect(page.getByRole("button", { name: "Generate" })).toBeVisible();
    expect(await scrollY(page)).toBe(scrolled);
    await expect(opener).toBeFocused();

    // Forward reopens nothing (the lightbox's entry is spent), and the page still works: it opens and closes again.
    await page.goForward();
    await expect(page.locator("dialog")).toHaveCount(0);
    expect(page.url()).toBe(address);
    await opener.click();
    await expect(page.getByRole("dialog", { name: "Image 1 of 1" })).toBeVisible();
    await page.goBack();
    await expect(page.locator("dialog")).toHaveCount(0);

    // The next Back leaves the page, in one step.
    await page.goBack();
    await expect(page).toHaveURL(FROM);
  });

  test("a lightbox closed with Escape leaves no step behind: the next Back leaves the page, also one opened from a share's link", async ({ page, request }) => {
    await clearHistory(request);
    const id = await makeGeneration(request, "A lighthouse at dusk");
    await page.goto("/leaderboard");
    // The playground's own address rewrite ("?open=" becomes "/") goes on working beside the lightbox's entry.
    await page.goto(`/?open=generation:${id}`);
    await expect(page.getByRole("form", { name: "Generation settings" }).getByLabel("Prompt", { exact: true })).toHaveValue("A lighthouse at dusk");
    await expect(page).toHaveURL(/\/$/);
    const opener = page.getByRole("article").first().getByRole("button", { name: /^Open image 1 of 1/ });
    await opener.click();
    await expect(page.getByRole("dialog", { name: "Image 1 of 1" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
    await expect(opener).toBeFocused();
    await page.goBack();
    await expect(page).toHaveURL(FROM);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  /** A share of one generation, answering its address. */
  const makeShare = async (request: APIRequestContext) => {
    const id = await makeGeneration(request, "A paper boat on a pond");
    const share = await request.post("/api/shares", { data: { title: "", entries: [{ kind: "generation", id }] } });
    return ((await share.json()) as { path: string }).path;
  };

  test("Back ends a share page's slide show and the page stays, and a show ended otherwise leaves no step behind", async ({ page, request }) => {
    const path = await makeShare(request);
    await page.goto("/leaderboard");
    await page.goto(path);
    const address = page.url();
    const present = page.getByRole("button", { name: "Present", exact: true });
    const show = page.getByRole("dialog", { name: "Presentation" });

    await present.tap();
    await expect(show.getByText("Slide 1 of 1")).toBeVisible();
    await page.goBack();
    await expect(page.locator("dialog")).toHaveCount(0);
    expect(page.url()).toBe(address);
    await expect(present).toBeFocused();

    await present.tap();
    await expect(show.getByText("Slide 1 of 1")).toBeVisible();
    // Escape rather than a tap on Exit: the controls fade from a slide left alone, and a slow machine may be that slow.
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
    await expect(present).toBeFocused();
    await page.goBack();
    await expect(page).toHaveURL(FROM);
  });

  test("Reuse settings in the lightbox brings the form into view, and the lightbox's entry going does not scroll the page back", async ({ page, request }) => {
    await clearHistory(request);
    for (const prompt of ["A yellow kite", "A purple kite", "An orange kite"]) await makeGeneration(request, prompt);
    await page.goto("/");
    const opener = page.getByRole("article").filter({ hasText: "A yellow kite" }).getByRole("button", { name: /^Open image 1 of 1/ });
    await opener.scrollIntoViewIfNeeded();
    await opener.tap();
    const dialog = page.getByRole("dialog", { name: "Image 1 of 1" });
    await dialog.getByRole("button", { name: "Reuse settings" }).tap();
    await expect(page.locator("dialog")).toHaveCount(0);
    const prompt = page.getByRole("form", { name: "Generation settings" }).getByLabel("Prompt", { exact: true });
    await expect(prompt).toHaveValue("A yellow kite");
    // The lightbox's own history entry is gone (the page is back on its own), and the form is still in sight.
    await expect.poll(() => page.evaluate(() => JSON.stringify(window.history.state))).not.toContain("fullScreenView");
    await expect(prompt).toBeInViewport();
  });
});

test.describe("a view's entry that outlives the view", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  const restoration = (page: Page) => page.evaluate(() => window.history.scrollRestoration);

  test("a reload with the lightbox open comes back on the page's own entry: the next Back leaves the page, in one step", async ({ page, request }) => {
    await clearHistory(request);
    await makeGeneration(request, "A kite over a reload");
    await page.goto("/leaderboard");
    await page.goto("/");
    await page.getByRole("article").first().getByRole("button", { name: /^Open image 1 of 1/ }).click();
    await expect(page.getByRole("dialog", { name: "Image 1 of 1" })).toBeVisible();
    const loads: string[] = [];
    page.on("request", (loading) => {
      if (loading.resourceType() === "document") loads.push(loading.url());
    });
    await page.reload();
    await expect(page.getByRole("button", { name: "Generate" })).toBeVisible();
    await expect(page.locator("dialog")).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => JSON.stringify(window.history.state))).not.toContain("fullScreenView");
    await expect.poll(() => restoration(page)).toBe("auto");
    // The step back stays in the reloaded document: the page is not loaded a second time.
    expect(loads).toHaveLength(1);
    await page.goBack();
    await expect(page).toHaveURL(FROM);
  });

  test("a lightbox reopened the moment it closed stays open, and Back closes it", async ({ page, request }) => {
    await clearHistory(request);
    await makeGeneration(request, "A kite opened twice");
    await page.goto("/leaderboard");
    await page.goto("/");
    const address = page.url();
    const opener = page.getByRole("article").first().getByRole("button", { name: /^Open image 1 of 1/ });
    const dialog = page.getByRole("dialog", { name: "Image 1 of 1" });
    await opener.click();
    await expect(dialog).toBeVisible();
    // Closed as Close closes it, then opened again as soon as it is gone: before the close's step back lands.
    await page.evaluate(async () => {
      document.querySelector("dialog")?.close();
      while (document.querySelector("dialog")) await new Promise((resolve) => setTimeout(resolve, 0));
      const again = [...document.querySelectorAll("button")].find((button) => button.getAttribute("aria-label")?.startsWith("Open image 1 of 1"));
      again?.click();
    });
    await page.waitForTimeout(500);
    await expect(dialog).toBeVisible();
    await page.goBack();
    await expect(page.locator("dialog")).toHaveCount(0);
    expect(page.url()).toBe(address);
    await page.goBack();
    await expect(page).toHaveURL(FROM);
  });

  test("a lightbox that closes with another entry current gives the page its scroll restoration back", async ({ page, request }) => {
    await clearHistory(request);
    await makeGeneration(request, "A kite left behind");
    await page.goto("/");
    await page.getByRole("article").first().getByRole("button", { name: /^Open image 1 of 1/ }).click();
    await expect(page.getByRole("dialog", { name: "Image 1 of 1" })).toBeVisible();
    expect(await restoration(page)).toBe("manual");
    // An entry over the lightbox's, as a client navigation adds before the view unmounts.
    await page.evaluate(() => window.history.pushState({}, ""));
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
    await expect.poll(() => restoration(page)).toBe("auto");
  });
});
