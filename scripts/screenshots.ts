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

const generate = async (page: Page, prompt: string) => {
  await page.getByRole("form", { name: "Generation settings" }).getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await page.getByRole("article").first().getByRole("img").first().waitFor();
  await page.getByText("1 image today").waitFor();
};

try {
  const desktop = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await desktop.goto(app.url);
  await desktop.getByRole("radio", { name: "Qwen-Image Max", exact: true }).check();
  await generate(desktop, "春茶节海报，书法标题“春茶节”，樱花，晨光");
  await desktop.evaluate(() => window.scrollTo(0, 0));
  // Generate leaves the form panel scrolled to its button: back to its top, where the model picker is.
  await desktop.getByRole("group", { name: "Mode", exact: true }).scrollIntoViewIfNeeded();
  await desktop.waitForTimeout(300);
  await desktop.screenshot({ path: "docs/screenshot.png" });
  await desktop.getByLabel("Theme").selectOption("dark");
  await desktop.waitForTimeout(300);
  await desktop.screenshot({ path: "docs/screenshot-dark.png" });
  await desktop.getByLabel("Theme").selectOption("system");

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(app.url);
  await generate(phone, "A bicycle leaning on a blue door, morning light");
  await phone.getByRole("article").first().scrollIntoViewIfNeeded();
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: "docs/screenshot-phone.png" });
} finally {
  await browser.close();
  app.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
