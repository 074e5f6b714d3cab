import { BatchPanel, expect, selectModel, test } from "./fixtures";
import { heard, listen } from "./heard";

/**
 * What a screen reader hears, as it would hear it: live regions say what happened once, not at every key or
 * every cell, and an error is tied to its field (invalid, and its description), said when a submit is refused.
 */
test.describe("what a screen reader hears", () => {
  test("a grid's progress is not read cell by cell, nor again in another language; its end is said once, and so is a finished download", async ({ grid, page }) => {
    await grid.prompt.fill("A paper lantern by a pond");
    await grid.axis(1).getByLabel("Seeds").fill("4, 5, 6");
    await listen(page);
    await grid.run();
    // Found by place, not by its name, which the language switch changes.
    const card = page.getByRole("article").first();
    await expect(card.getByText("3 of 3 made · 0 without an image · 0 running · 0 waiting")).toBeVisible();
    const finished = "Finished: “A paper lantern by a pond”, 3 of 3 made images.";
    await expect.poll(() => heard(page)).toContain(finished);
    // Named as a cell, as the cell itself is.
    await expect(card.getByRole("button", { name: "Open image 1 of cell Seed: 4" })).toBeVisible();

    await card.getByRole("link", { name: "Download grid" }).click();
    await expect(card.getByText("The grid's picture is downloaded.")).toBeVisible();
    await expect.poll(() => heard(page)).toContain("The grid's picture is downloaded.");

    await page.getByLabel("Language").selectOption("zh");
    await expect(card.getByText("已生成 3 / 3 · 无图片 0 · 生成中 0 · 等待中 0")).toBeVisible();
    await expect(card.getByRole("button", { name: "打开格子 种子：4 的第 1 张图片" })).toBeVisible();
    await page.waitForTimeout(500);
    const said = await heard(page);
    expect(said.filter((text) => / made · |已生成/.test(text))).toEqual([]);
    expect(said.filter((text) => text === finished)).toHaveLength(1);
    // A heading under the page's own, not one level skipped.
    await expect(page.getByRole("form", { name: "网格设置" }).getByRole("heading", { name: "轴", level: 2 })).toBeVisible();
  });

  test("a custom size's error is its fields' description, not said at every key; a refused Generate says it once", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.6");
    await playground.prompt.fill("A lighthouse in a storm");
    await page.getByRole("radio", { name: "Custom size" }).check();
    const width = playground.form.getByLabel("Width (px)");
    await width.fill("");
    await listen(page);
    await width.pressSequentially("100");
    await expect(width).toHaveAttribute("aria-invalid", "true");
    await expect(width).toHaveAccessibleDescription(/; 100\*\d+ is 0\.\d\d\.$/);
    await page.waitForTimeout(300);
    expect((await heard(page)).filter((text) => text.includes("megapixels"))).toEqual([]);

    await width.press("Control+Enter");
    await expect(width).toBeFocused();
    await expect.poll(async () => (await heard(page)).filter((text) => text.includes("megapixels"))).toEqual([expect.stringMatching(/; 100\*\d+ is 0\.\d\d\.$/)]);
    await expect(playground.results).toHaveCount(0);
  });

  test("a refused Ctrl+Enter from a refused field further down focuses the first refused field and says its error", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.6");
    await playground.prompt.fill("A lighthouse in a storm");
    await page.getByRole("radio", { name: "Custom size" }).check();
    const width = playground.form.getByLabel("Width (px)");
    await width.fill("100");
    const count = playground.form.getByLabel("Number of images");
    await count.fill("0");
    await listen(page);
    await count.press("Control+Enter");
    await expect(count).toHaveAttribute("aria-invalid", "true");
    await expect(width).toBeFocused();
    await expect.poll(async () => (await heard(page)).filter((text) => text.includes("megapixels"))).toEqual([expect.stringMatching(/; 100\*\d+ is 0\.\d\d\.$/)]);
    await expect(playground.results).toHaveCount(0);
  });

  test("the prompt's counter is said as the text reaches and passes the limit, and back under it, not at every key", async ({ playground, page }) => {
    await playground.chooseModel("Qwen-Image");
    await playground.prompt.fill("x".repeat(798));
    await listen(page);
    await playground.prompt.pressSequentially("xxxx");
    await page.waitForTimeout(300);
    expect((await heard(page)).filter((text) => text.endsWith("/800"))).toEqual(["800/800", "801/800"]);
    await playground.prompt.fill("A short one");
    await page.waitForTimeout(300);
    expect((await heard(page)).filter((text) => text.endsWith("/800"))).toEqual(["800/800", "801/800", "11/800"]);
  });

  test("a batch's refused row is said at the prompts, and Ctrl+Enter says why nothing ran, at the prompts", async ({ playground, page }) => {
    const batch = new BatchPanel(page);
    await batch.open();
    await selectModel(batch.form.getByLabel("Model", { exact: true }), "Qwen-Image");
    const box = batch.form.getByLabel("Prompts, one per line");
    await box.fill(`A short one\n${"x".repeat(801)}\nAnother`);
    const why = "1 row is refused: fix it to run the batch. Line 2: Qwen-Image reads at most 800 characters; this prompt has 801.";
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toHaveAccessibleDescription(why);
    await listen(page);
    const name = batch.form.getByLabel("Name", { exact: true });
    await name.press("Control+Enter");
    await expect(box).toBeFocused();
    await expect.poll(() => heard(page)).toContain(why);
    await expect(playground.results).toHaveCount(0);
  });

  test("a grid axis's refusal is said at the axis's own field, which a refused Ctrl+Enter focuses and says", async ({ grid, page }) => {
    await grid.prompt.fill("A fox in the snow");
    const seeds = grid.axis(1).getByLabel("Seeds");
    await seeds.fill("1, 2, 31, 2, 3");
    await listen(page);
    await seeds.press("Control+Enter");
    await expect(seeds).toHaveAttribute("aria-invalid", "true");
    await expect(seeds).toHaveAccessibleDescription(/Seeds: each value can be given once\.$/);
    await expect(grid.axis(1).getByText("Seeds: each value can be given once.")).toBeVisible();
    await expect(seeds).toBeFocused();
    await expect.poll(() => heard(page)).toContain("Seeds: each value can be given once.");
    await seeds.fill("1, 2, 3");
    await expect(seeds).toHaveAttribute("aria-invalid", "false");
  });

  test("a refusal of the saved lists the grid's prompt names is the prompt's description, said once by a refused run", async ({ grid, page }) => {
    // One list more than a grid may use; the lists are the playground's, so they go again after the test.
    const names = Array.from({ length: 21 }, (_, index) => `too-many-${index + 1}`);
    try {
      for (const name of names) expect((await page.request.put("/api/lists", { data: { name, items: ["red"] } })).ok()).toBe(true);
      await page.reload();
      await grid.open();
      // The saved lists known to the form first: a run before then would not be refused for them.
      const savedLists = grid.form.getByText(/^Saved lists \(\d+\)$/);
      await expect.poll(async () => Number(/\d+/.exec((await savedLists.textContent()) ?? "")?.[0])).toBeGreaterThanOrEqual(names.length);
      await grid.prompt.fill(`A kite ${names.map((name) => `__${name}__`).join(" ")}`);
      // One seed, a refusal of its own further down the form: what is said is the focused field's alone.
      await grid.axis(1).getByLabel("Seeds").fill("1");
      await listen(page);
      await grid.run();
      const refusal = "A grid uses at most 20 lists.";
      await expect(grid.prompt).toHaveAttribute("aria-invalid", "true");
      await expect(grid.prompt).toHaveAccessibleDescription(new RegExp(`${refusal.replace(".", "\\.")}$`));
      await expect(grid.prompt).toBeFocused();
      await expect(grid.form.getByRole("alert")).toHaveCount(0);
      await expect.poll(() => heard(page)).toEqual([refusal]);
      // Typed on, the refusal stays on the page and is not said again.
      await grid.prompt.press("End");
      await grid.prompt.pressSequentially(" at dusk");
      await page.waitForTimeout(500);
      expect(await heard(page)).toEqual([refusal]);
    } finally {
      for (const name of names) await page.request.delete(`/api/lists/${name}`);
    }
  });

  test("a grid past the cell limit sent with Ctrl+Enter says why once, and not again as its axes are typed on", async ({ grid, page }) => {
    await grid.prompt.fill("a {red|green|blue|yellow|pink|black|white|gray|orange|purple|teal|gold|silver} fox");
    await expect(grid.axis(2).getByLabel("Varies")).toHaveValue("variables");
    const seeds = grid.axis(1).getByLabel("Seeds");
    await seeds.fill("1 2 3 4 5 6 7 8 9");
    await listen(page);
    await seeds.press("Control+Enter");
    await expect.poll(() => heard(page)).toEqual(["This grid has 117 cells; a grid has at most 100."]);
    await expect(grid.form.getByRole("alert")).toHaveCount(0);
    // Its counts change with each key, on the page only.
    await seeds.press("End");
    await seeds.pressSequentially(" 10 11");
    await expect(grid.form.getByText("This grid has 143 cells; a grid has at most 100.").first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(await heard(page)).toEqual(["This grid has 117 cells; a grid has at most 100."]);
    await expect(page.getByRole("article")).toHaveCount(0);
  });

  test("Check connection says its verdicts, not its table", async ({ page, playground }) => {
    await listen(page);
    await page.getByRole("button", { name: "Check connection" }).click();
    const dialog = page.getByRole("dialog", { name: "Check the connection to the gateway" });
    await expect(dialog.getByRole("row", { name: /Qwen-Image Edit Plus/ })).toBeVisible();
    await expect.poll(async () => (await heard(page)).some((text) => text.includes("15 of 15 models answer."))).toBe(true);
    expect((await heard(page)).filter((text) => text.includes("Qwen-Image Edit Plus"))).toEqual([]);
    await expect(playground.results).toHaveCount(0);
  });
});
