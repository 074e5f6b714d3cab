import { expect, test } from "./fixtures";

test.describe("generating", () => {
  test("a run sent from the keyboard keeps the focus on its button", async ({ playground, simulator, page }) => {
    await simulator.configure({ latencyMs: 1_500 });
    await playground.prompt.fill("A lighthouse sent with the Enter key");
    await playground.generateButton.focus();
    await page.keyboard.press("Enter");
    await expect(playground.latest().getByRole("img")).toHaveCount(1, { timeout: 30_000 });
    // Not dropped to the page while the run was sent (a disabled button loses the focus).
    await expect(playground.generateButton).toBeFocused();
    expect((await simulator.stats()).calls).toBe(1);
  });

  test("a double click on Generate starts and bills one run", async ({ playground, simulator }) => {
    await playground.prompt.fill("A teapot clicked twice");
    await playground.generateButton.dblclick();
    await expect(playground.latest().getByRole("img")).toHaveCount(1, { timeout: 30_000 });
    await expect(playground.results).toHaveCount(1);
    expect((await simulator.stats()).calls).toBe(1);
    // Clicked twice as a person does, the second click landing once the first run is out (the button waits
    // while it is sent): still the same submit, the form unchanged. The mouse is pressed where the button is, at
    // once, not through the locator's checks, which can take longer than a double click's gap on a loaded machine.
    await playground.prompt.fill("A kettle clicked twice, slowly");
    const box = await playground.generateButton.boundingBox();
    if (!box) throw new Error("Generate is not on the screen");
    const out = playground.page.waitForRequest((request) => request.method() === "POST" && new URL(request.url()).pathname === "/api/generations");
    await playground.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await out;
    await playground.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(playground.latest().getByRole("img")).toHaveCount(1, { timeout: 30_000 });
    await expect(playground.results).toHaveCount(2);
    expect((await simulator.stats()).calls).toBe(2);
  });

  test("a double click on Compare starts and bills one comparison", async ({ compare, simulator }) => {
    await compare.chooseModels(["Wan 2.6", "Qwen-Image"]);
    await compare.prompt.fill("Two kettles clicked twice");
    await compare.form.getByRole("button", { name: /^Compare \d models$/ }).dblclick();
    await expect(compare.card().getByRole("img")).toHaveCount(2, { timeout: 30_000 });
    await expect(compare.page.getByRole("article", { name: /^Comparison of/ })).toHaveCount(1);
    expect((await simulator.stats()).calls).toBe(2);
  });

  test("a Qwen model: the image arrives beside its revised prompt and settings", async ({ playground, simulator, page }) => {
    await playground.chooseModel("Qwen-Image Plus");
    await playground.prompt.fill("A blue-and-white porcelain vase on a Song dynasty scroll, with the calligraphy 岳阳楼记");
    await playground.generateButton.click();

    const result = playground.latest();
    await expect(result.getByRole("timer", { name: "Elapsed time" })).toBeVisible();
    const image = result.getByRole("img");
    await expect(image).toHaveCount(1);
    await expect(image).toHaveJSProperty("complete", true);
    expect(await playground.fullImageSize(result)).toEqual([1328, 1328]);
    await expect(result.getByTestId("revised-prompt")).toContainText("岳阳楼记");
    await expect(result.getByTestId("revised-prompt")).not.toHaveText("No revised prompt returned.");
    await expect(result).toContainText("qwen-image-plus");
    await expect(result).toContainText("1328*1328 (1:1)");
    await expect(result.getByText("Seed", { exact: true })).toBeVisible();

    const stats = await simulator.stats();
    expect(stats.calls).toBe(1);
    expect(stats.lastRequest).toMatchObject({ style: "native", model: "qwen-image-plus", size: "1328*1328", n: 1, prompt_extend: true, watermark: false });

    await page.screenshot({ path: "test-results/screenshots/main-view.png", fullPage: true });
  });

  test("a Wan model with two images, a fixed seed and no rewriting", async ({ playground, simulator }) => {
    await playground.chooseModel("Wan 2.6");
    await playground.prompt.fill("A kitten running on grass, cinematic look, natural light and shadow");
    await playground.form.getByLabel("Number of images").fill("2");
    await playground.openMoreOptions();
    await playground.form.getByLabel("Seed", { exact: true }).fill("42");
    await playground.page.getByRole("switch", { name: "Prompt rewriting (prompt_extend)" }).uncheck();
    await playground.generateButton.click();

    const result = playground.latest();
    await expect(result.getByRole("img")).toHaveCount(2);
    // A screen reader is told when it is done, not only the eyes.
    await expect(playground.page.getByTestId("run-announcer")).toContainText("Done: 2 images for “A kitten running on grass");
    // Two images with the same (here: no) revised prompt: said once, under the two.
    await expect(result.getByTestId("revised-prompt")).toHaveText(["No revised prompt returned."]);
    await expect(result.getByText("42", { exact: true })).toBeVisible();
    expect(await playground.fullImageSize(result, 1)).toEqual([1280, 1280]);
    expect(await playground.fullImageSize(result, 2)).toEqual([1280, 1280]);
    expect((await simulator.stats()).lastRequest).toMatchObject({ model: "wan2.6-t2i", size: "1280*1280", n: 2, seed: 42, prompt_extend: false });
  });

  test("an empty seed becomes a random one, and the result says which", async ({ playground }) => {
    await playground.prompt.fill("Paper lanterns over a river at dusk");
    await playground.generateButton.click();
    const seedValue = playground.latest().locator("dt:text-is('Seed') + dd");
    await expect(seedValue).toHaveText(/^\d+$/);
  });

  test("Ctrl+Enter generates, and newer results come first", async ({ playground }) => {
    await playground.prompt.fill("first prompt");
    await playground.prompt.press("Control+Enter");
    await expect(playground.results).toHaveCount(1);
    await playground.prompt.fill("second prompt");
    await playground.prompt.press("Control+Enter");
    await expect(playground.results).toHaveCount(2);
    await expect(playground.results.first()).toContainText("second prompt");
    await expect(playground.results.nth(1)).toContainText("first prompt");
  });
});

test("an example put over a typed prompt can be taken back, settings and all", async ({ playground }) => {
  await playground.chooseModel("Wan 2.2 flash");
  await playground.prompt.fill("My own lighthouse, kept");
  await playground.form.getByRole("button", { name: "Use this example" }).click();
  await expect(playground.prompt).not.toHaveValue("My own lighthouse, kept");
  const said = playground.form.getByRole("status").filter({ hasText: "The example took the place of your prompt and settings." });
  await said.getByRole("button", { name: "Put mine back" }).click();
  await expect(playground.prompt).toHaveValue("My own lighthouse, kept");
  await expect(playground.modelSelect).toHaveValue("wan2.2-t2i-flash");
  await expect(said).toHaveCount(0);
});
