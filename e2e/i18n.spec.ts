import { clearHistory, expect, test } from "./fixtures";

test.use({ locale: "zh-CN" });

test.describe("中文 and English", () => {
  test("a Chinese browser gets the Chinese interface and examples; English, once chosen, is remembered", async ({ page, request, simulator }) => {
    await clearHistory(request);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle("OneToken 图像生成体验台");
    const form = page.getByRole("form", { name: "生成设置" });
    await expect(form.getByRole("button", { name: "生成", exact: true })).toBeVisible();

    // The shared rules' refusals come in Chinese too.
    await form.getByRole("button", { name: "生成", exact: true }).click();
    await expect(form.getByLabel("提示词", { exact: true })).toHaveAccessibleDescription(/请先填写提示词。$/);

    // An example in the interface's language fills the prompt and picks a model that does it well.
    await form.getByLabel("试试示例").selectOption({ label: "书法标题海报" });
    await form.getByRole("button", { name: "使用此示例" }).click();
    await expect(form.getByLabel("提示词", { exact: true })).toHaveValue(/春茶节/);
    await expect(form.getByLabel("模型", { exact: true })).toHaveValue("qwen-image-max");
    await form.getByRole("button", { name: "生成", exact: true }).click();
    const result = page.getByRole("article").first();
    await expect(result.getByRole("img")).toBeVisible();
    await expect(result).toContainText("改写后的提示词");
    await page.screenshot({ path: "test-results/screenshots/zh.png" });

    // The gateway's refusal, written by the server in English, is shown in Chinese.
    await simulator.reset();
    await simulator.fault("moderation");
    await form.getByRole("button", { name: "生成", exact: true }).click();
    const refusal = page.getByRole("article").first().getByRole("note", { name: "出错原因" });
    await expect(refusal.getByText("内容审核拒绝了这个提示词。请改写提示词（或反向提示词）后重试。", { exact: true })).toBeVisible();
    // With the request id to quote, labelled in Chinese too.
    await expect(refusal).toContainText(/请求 ID： ?[0-9a-f-]{36}/);
    await expect(refusal.getByRole("button", { name: "复制请求 ID" })).toBeVisible();

    // Switching keeps what is typed, and sticks across a reload; a notice shown is reworded too.
    await page.getByRole("article").nth(1).getByRole("button", { name: "复用设置", exact: true }).click();
    await expect(form.getByRole("status").filter({ hasText: "已从历史记录载入设置（Qwen-Image Max）。" })).toBeVisible();
    await form.getByLabel("提示词", { exact: true }).fill("一盏灯笼");
    // The stylesheet is in the page already: the refresh neither fetches it again nor leaves a preload that goes unused.
    const stylesheets: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".css")) stylesheets.push(request.url());
    });
    await page.getByLabel("语言").selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const english = page.getByRole("form", { name: "Generation settings" });
    await expect(english.getByRole("status").filter({ hasText: "Settings loaded from the history (Qwen-Image Max)." })).toBeVisible();
    await expect(english.getByLabel("Prompt", { exact: true })).toHaveValue("一盏灯笼");
    await expect(english.getByRole("button", { name: "Generate", exact: true })).toBeVisible();
    expect(stylesheets).toEqual([]);
    await expect(page.locator('link[rel="preload"][as="style"]:not([media="not all"])')).toHaveCount(0);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByLabel("Language")).toHaveValue("en");
  });

  test("a label and its text are joined with Chinese punctuation, not an ASCII colon", async ({ page, request, simulator }) => {
    await clearHistory(request);
    await page.goto("/");
    const form = page.getByRole("form", { name: "生成设置" });
    await expect(form.getByText(/^Wan 2\.6：/)).toBeVisible();
    await form.getByLabel("提示词", { exact: true }).fill("一座石桥");
    await form.getByRole("button", { name: "生成", exact: true }).click();
    await expect(page.getByRole("article", { name: "Wan 2.6：一座石桥" })).toBeVisible();

    await page.getByRole("button", { name: "模型对比", exact: true }).click();
    const about = page.getByRole("form", { name: "对比设置" }).getByRole("list", { name: "已选模型" }).getByRole("listitem");
    await expect(about.first()).toHaveText(/^[^:：]+：\S/);

    // A row that failed is retried by a button named with its row, in Chinese.
    await simulator.reset();
    await simulator.fault("moderation");
    await page.getByRole("button", { name: "批量", exact: true }).click();
    const batch = page.getByRole("form", { name: "批量设置" });
    await batch.getByLabel("提示词，每行一条").fill("一盏灯笼");
    await batch.getByRole("button", { name: "运行批量" }).click();
    await expect(page.getByRole("button", { name: "重试：第 1 行" })).toBeVisible();
  });
});
