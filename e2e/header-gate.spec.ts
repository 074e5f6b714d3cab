import { rmSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { BatchPanel, GridPanel, PlaygroundPage } from "./fixtures";
import { shiftsSeen, watchShifts } from "./layout-shifts";
import { HEADER_GATE_APP_PORT, OFFLINE_APP_PORT } from "./ports";
import { startAppServer, type AppServer } from "./server-process";

/**
 * The header's usage line behind the gate with a daily budget, in the offline demo: at common desktop widths,
 * where its row is fullest (the longest line, and Sign out beside it; open, without either, too), and with a
 * budget of 0.
 */

const PASSWORD = "correct-horse-battery";
const DATA_DIR = ".data/e2e-header-gate";
const WIDTHS = [1024, 1280, 1366, 1440, 1920];
let gated: AppServer;

test.beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  gated = await startAppServer(HEADER_GATE_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD, DAILY_IMAGE_LIMIT: "30" });
});
test.afterAll(() => gated.kill());

/** Each language's words for the gate's controls. */
const WORDS = {
  "en-US": { password: "Password", signIn: "Sign in", signOut: "Sign out" },
  "zh-CN": { password: "密码", signIn: "登录", signOut: "退出登录" },
} as const;
type Locale = keyof typeof WORDS;

const openPage = async (browser: Browser, origin: string, locale: Locale, behindGate: boolean): Promise<Page> => {
  const page = await (await browser.newContext({ locale, viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(origin);
  if (behindGate) {
    await page.getByLabel(WORDS[locale].password).fill(PASSWORD);
    await page.getByRole("button", { name: WORDS[locale].signIn }).click();
  }
  await expect(page.getByTestId("usage")).toBeVisible();
  return page;
};

const checkHeader = async (page: Page, locale: Locale, behindGate: boolean) => {
  const usage = page.getByTestId("usage");
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.reload();
    // Every shift from the first paint on, those before this observer was made included. The first paint waits
    // until the header and the form are parsed whole; before it did, a box of the form was now and then painted
    // half parsed and then moved (docs/first-screen.md).
    await watchShifts(page, true);
    await expect(usage).toBeVisible();
    const text = await usage.evaluate((node) => ({ scroll: node.scrollWidth, client: node.clientWidth, content: node.textContent }));
    expect(text.scroll, `the usage line whole at ${width} px (${locale}): ${text.content}`).toBeLessThanOrEqual(text.client);
    if (behindGate) {
      const button = page.getByRole("button", { name: WORDS[locale].signOut });
      const lines = await button.evaluate((node) => {
        const style = getComputedStyle(node);
        return (node.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth)) / parseFloat(style.lineHeight);
      });
      expect(Math.round(lines), `${WORDS[locale].signOut} on one line at ${width} px (${locale})`).toBe(1);
      const [line, signOut] = [await usage.boundingBox(), await button.boundingBox()];
      expect(line && signOut && line.x + line.width <= signOut.x, `the usage line ends before ${WORDS[locale].signOut} at ${width} px (${locale})`).toBe(true);
    }
    expect(await shiftsSeen(page), `no shift at ${width} px (${locale})`).toEqual([]);
  }
  await page.context().close();
};

test("the header's usage line is never cut and Sign out keeps one line, at desktop widths, in English and Chinese", async ({ browser }) => {
  test.setTimeout(90_000);
  const english = await openPage(browser, gated.url, "en-US", true);
  // 29 of the day's 30 images used: the usage line at its longest ("1 of 30 images left today · about $0.87 …").
  for (const n of [4, 4, 4, 4, 4, 4, 4, 1]) {
    const generation = { model: "wan2.2-t2i-flash", prompt: "a header test", negativePrompt: "", width: 512, height: 512, n, seed: 1, promptExtend: false, watermark: false };
    const made = await english.request.post(`${gated.url}/api/generations`, { data: generation, headers: { origin: gated.url, prefer: "wait=20" } });
    expect(made.ok()).toBe(true);
  }
  await expect(english.getByTestId("usage")).toContainText("1 of 30 images left today");
  await checkHeader(english, "en-US", true);
  await checkHeader(await openPage(browser, gated.url, "zh-CN", true), "zh-CN", true);
});

test("without the gate, the usage line is never cut either", async ({ browser }) => {
  const open = `http://127.0.0.1:${OFFLINE_APP_PORT}`;
  await checkHeader(await openPage(browser, open, "en-US", false), "en-US", false);
  await checkHeader(await openPage(browser, open, "zh-CN", false), "zh-CN", false);
});

test("a budget of 0 says spending is switched off, in the header, when Generate is refused and in the grid and batch forms, with no time to wait for", async ({ browser }) => {
  gated.kill();
  gated = await startAppServer(HEADER_GATE_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD, DAILY_IMAGE_LIMIT: "0" });
  const page = await openPage(browser, gated.url, "en-US", true);
  await expect(page.getByTestId("usage")).toHaveText(/^Spending is switched off here · about \$\d+\.\d\d spent today \(offline demo: nothing billed\)$/);
  const playground = new PlaygroundPage(page);
  await playground.prompt.fill("A lighthouse with no budget");
  await playground.generateButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not start" })).toContainText(
    "Spending is switched off here (DAILY_IMAGE_LIMIT is 0), so no images can be made. Ask whoever runs the playground.",
  );
  const generation = { model: "wan2.2-t2i-flash", prompt: "a header test", negativePrompt: "", width: 512, height: 512, n: 1, seed: 1, promptExtend: false, watermark: false };
  const refused = await page.request.post(`${gated.url}/api/generations`, { data: generation, headers: { origin: gated.url } });
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toBeUndefined();
  // A grid or a batch says so before it is sent, rather than "0 left today: wait for tomorrow", and cannot run.
  const off = "Spending is switched off here (DAILY_IMAGE_LIMIT is 0), so no images can be made. Ask whoever runs the playground.";
  const grid = new GridPanel(page);
  await grid.open();
  await grid.prompt.fill("A lighthouse on a cliff at dawn");
  await expect(grid.form.getByTestId("grid-size")).toContainText(off);
  await expect(grid.form.getByTestId("grid-size")).not.toContainText(/left today|images are used/);
  await expect(grid.form.getByRole("button", { name: "Run the grid" })).toHaveAttribute("aria-disabled", "true");
  const batch = new BatchPanel(page);
  await batch.open();
  await expect(batch.form.locator("p", { hasText: off })).toBeVisible();
  await batch.form.getByLabel("Prompts, one per line").fill("A lantern festival\nA quiet harbour at night");
  await expect(batch.form.locator("p", { hasText: off })).toBeVisible();
  await expect(batch.form).not.toContainText("left today");
  await expect(batch.form.getByRole("button", { name: "Run the batch" })).toHaveAttribute("aria-disabled", "true");
  await page.context().close();
  const chinese = await openPage(browser, gated.url, "zh-CN", true);
  await expect(chinese.getByTestId("usage")).toContainText("本站已停止一切花费");
  await chinese.getByRole("button", { name: "批量", exact: true }).click();
  await expect(chinese.locator("form p", { hasText: "本站已停止一切花费（DAILY_IMAGE_LIMIT 为 0），无法生成图片。请联系运行本站的人。" })).toBeVisible();
  await chinese.context().close();
});
