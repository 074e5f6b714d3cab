import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";

/**
 * `npm run screenshots`: the README's pictures, taken from the production build in the offline demo: the
 * playground at 1440 px wide in the light and dark themes, and on a phone. Run `next build` first.
 */
const dataDir = resolve(".data/screenshots");
rmSync(dataDir, { recursive: true, force: true });
const app = await startAppServer(3399, { DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: "300" });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage"] });

/** `today`: the usage line once this image is counted, so the picture is taken with the page settled. */
const generate = async (page: Page, prompt: string, today: string) => {
  await page.getByRole("form", { name: "Generation settings" }).getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  // This prompt's own card: the first one may still be an older result while the list refreshes.
  await page.getByRole("article").filter({ hasText: prompt }).first().getByRole("img").first().waitFor();
  await page.getByText(today).waitFor();
};

try {
  const desktop = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await desktop.goto(app.url);
  await desktop.getByRole("form", { name: "Generation settings" }).getByLabel("Model", { exact: true }).selectOption("qwen-image-max");
  await generate(desktop, "春茶节海报，书法标题“春茶节”，樱花，晨光", "1 image today");
  await desktop.evaluate(() => window.scrollTo(0, 0));
  // Generate leaves the form panel scrolled to its button: back to its top, where the model picker is.
  await desktop.getByRole("group", { name: "Mode", exact: true }).scrollIntoViewIfNeeded();
  await desktop.waitForTimeout(300);
  await desktop.screenshot({ path: "docs/screenshot.png" });
  await desktop.getByLabel("Theme").selectOption("dark");
  await desktop.waitForTimeout(300);
  await desktop.screenshot({ path: "docs/screenshot-dark.png" });
  await desktop.getByLabel("Theme").selectOption("system");

  // The same result, edited: the before/after slider and the chain it starts.
  await desktop.getByRole("article").first().getByRole("button", { name: "Edit this image" }).click();
  const edit = desktop.getByRole("form", { name: "Edit settings" });
  await edit.getByRole("img").first().waitFor();
  await edit.getByLabel("Prompt", { exact: true }).fill("把天空换成晚霞，保留书法标题");
  await edit.getByRole("button", { name: "Edit image" }).click();
  await desktop.getByRole("article").first().getByRole("slider").first().waitFor();
  await desktop.getByText("2 images today").waitFor();
  await desktop.getByRole("article").first().getByRole("slider").first().fill("40");
  await desktop.evaluate(() => window.scrollTo(0, 0));
  await desktop.getByRole("group", { name: "Mode", exact: true }).scrollIntoViewIfNeeded();
  await desktop.waitForTimeout(300);
  await desktop.screenshot({ path: "docs/screenshot-edit.png" });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(app.url);
  await generate(phone, "A bicycle leaning on a blue door, morning light", "3 images today");
  await phone.getByRole("article").first().scrollIntoViewIfNeeded();
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: "docs/screenshot-phone.png" });
} finally {
  await browser.close();
  app.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
