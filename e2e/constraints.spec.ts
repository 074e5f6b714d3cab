import type { Route } from "@playwright/test";
import { expect, selectModel, test } from "./fixtures";

test.describe("model constraints", () => {
  test("switching models changes sizes, n and the rule shown, and says what moved", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.6");
    await expect(page.getByText("Wan 2.6: 1.64 to 2.07 megapixels in total")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Custom size" })).toBeVisible();
    await expect(playground.form.getByLabel("Number of images")).toHaveAttribute("max", "4");

    await playground.chooseModel("Qwen-Image");
    await expect(page.getByText("Qwen-Image: Only these 5 sizes: 1664*928, 1472*1104, 1328*1328, 1104*1472, 928*1664.")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Custom size" })).toHaveCount(0);
    await expect(page.getByText("Qwen-Image makes exactly 1 image per request.")).toBeVisible();
    // Square stays square: the nearest of its sizes in shape, not its default.
    await expect(page.getByRole("status")).toContainText("Size 1280*1280 does not fit Qwen-Image; it is now 1328*1328.");
    await expect(playground.sizePreset("1328*1328")).toBeChecked();

    await playground.chooseModel("Qwen-Image 2.0 Pro");
    await expect(page.getByText("Width and height each 512 to 2048 px.")).toBeVisible();
    await expect(playground.form.getByLabel("Number of images")).toHaveAttribute("max", "6");
    // 1328*1328 is within 512..2048 on each side, so it stays, now as a custom size.
    await expect(playground.form.getByLabel("Width (px)")).toHaveValue("1328");
    await expect(playground.form.getByLabel("Height (px)")).toHaveValue("1328");
    await expect(page.getByRole("status")).toBeEmpty();
  });

  test("a switch's notice goes once its field is changed, the whole box once a run is sent or a later load replaces it", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.6");
    await playground.form.getByLabel("Number of images").fill("4");
    await playground.prompt.fill("x".repeat(1000));
    await playground.chooseModel("Qwen-Image");
    // The box of notices, not the note beside it that offers the way back to replaced work.
    const notices = playground.form.getByRole("status").filter({ has: page.getByRole("listitem") });
    await expect(notices).toContainText("The prompt has 1000 characters and Qwen-Image reads at most 800: shorten it before generating.");
    await expect(notices).toContainText("4 images is more than Qwen-Image makes per request; it is now 1.");

    // Shortened, the prompt no longer has 1000 characters: that notice goes, the count's stays.
    await playground.prompt.fill("short prompt now");
    await expect(notices).not.toContainText("The prompt has");
    await expect(notices).toContainText("4 images is more than Qwen-Image makes per request; it is now 1.");
    // The run is sent: what the box said was about the form before it.
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("img")).toBeVisible();
    await expect(notices).toHaveCount(0);

    const result = playground.latest();
    await result.getByRole("button", { name: "Reuse settings" }).click();
    await expect(notices).toHaveText("Settings loaded from the history (Qwen-Image).");
    await result.getByRole("button", { name: "Use revised prompt" }).click();
    await expect(notices).toHaveCount(0);
    // The way back to what was typed before the Reuse still works.
    await playground.form.getByRole("button", { name: "Put mine back" }).click();
    await expect(playground.prompt).toHaveValue("short prompt now");
  });

  test("a model chosen while its rules cannot load is said, and chosen again once they can", async ({ playground, page }) => {
    // The switch's rules are fetched with the form's first focus; here every later script fails.
    await page.route("**/_next/static/chunks/**", (route) => route.abort("internetdisconnected"));
    await selectModel(playground.modelSelect, "Qwen-Image");
    await expect(page.getByRole("status")).toContainText("The model could not be changed: its rules did not load");
    await expect(playground.modelSelect).toHaveValue("wan2.6-t2i");
    // An example is said as an example, not as a model chosen.
    await playground.form.getByLabel("Try an example").selectOption({ index: 1 });
    await playground.form.getByRole("button", { name: "Use this example" }).click();
    await expect(page.getByRole("status")).toContainText("The example could not be put in: its model's rules did not load");
    await expect(playground.prompt).toHaveValue("");

    await page.unroute("**/_next/static/chunks/**");
    await playground.chooseModel("Qwen-Image");
    await expect(playground.modelSelect).toHaveValue("qwen-image");
    await expect(page.getByRole("status")).toContainText("it is now 1328*1328");
  });

  test("a history Load made while a model choice waits for its rules is what the form keeps", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.2 flash");
    await playground.prompt.fill("A lighthouse in fog");
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("img")).toBeVisible();

    // A fresh page: its first choice waits for the rules, held back until after the Load.
    await page.reload();
    await expect(playground.latest().getByRole("button", { name: "Reuse settings" })).toBeVisible();
    const held: Route[] = [];
    await page.route("**/_next/static/chunks/**", (route) => {
      held.push(route);
    });
    await selectModel(playground.modelSelect, "Qwen-Image");
    await playground.latest().getByRole("button", { name: "Reuse settings" }).click();
    await expect(playground.modelSelect).toHaveValue("wan2.2-t2i-flash");
    expect(held.length).toBeGreaterThan(0);
    await Promise.all(held.map((route) => route.continue()));
    await page.unroute("**/_next/static/chunks/**");
    // The held rules arrive and run; a choice overtaken by the Load must then do nothing.
    await Promise.all(held.map(async (route) => (await route.request().response())?.finished()));
    await page.waitForTimeout(500);

    await expect(playground.form.getByText("Settings loaded from the history")).toBeVisible();
    await expect(playground.modelSelect).toHaveValue("wan2.2-t2i-flash");
    await expect(playground.prompt).toHaveValue("A lighthouse in fog");
  });

  test("a size the new model also allows is kept without a word", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.2 flash");
    await playground.customSize(1440, 1440);
    await playground.chooseModel("Wan 2.6");
    await expect(playground.sizePreset("1440*1440")).toBeChecked();
    await expect(page.getByRole("status")).toBeEmpty();
  });

  test("an invalid custom size is refused with its reason before any request", async ({ playground, simulator, page }) => {
    const calls: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/generate")) calls.push(request.url());
    });
    await playground.chooseModel("Wan 2.6");
    await playground.prompt.fill("A lighthouse in a storm");
    await playground.customSize(1024, 1024);
    const width = playground.form.getByLabel("Width (px)");
    await expect(width).toHaveAccessibleDescription("Wan 2.6 needs 1.64 to 2.07 megapixels (1280*1280 to 1440*1440); 1024*1024 is 1.05.");
    await playground.generateButton.click();
    await playground.prompt.press("Control+Enter");
    await expect(playground.results).toHaveCount(0);
    expect(calls).toEqual([]);
    expect((await simulator.stats()).calls).toBe(0);

    await playground.form.getByLabel("Width (px)").fill("1280");
    await playground.form.getByLabel("Height (px)").fill("1280");
    await expect(width).toHaveAttribute("aria-invalid", "false");
  });

  test("a blank prompt is refused in the form", async ({ playground, simulator }) => {
    await playground.generateButton.click();
    await expect(playground.form.getByText("Write a prompt first.")).toBeVisible();
    expect((await simulator.stats()).calls).toBe(0);
  });

  test("a seed the browser cannot read as a number is refused at the field, not taken as a random seed", async ({ playground, simulator }) => {
    await playground.prompt.fill("A lighthouse at dawn");
    await playground.openMoreOptions();
    const seed = playground.form.getByLabel("Seed", { exact: true });
    await seed.pressSequentially("12e");
    await playground.generateButton.click();
    await expect(playground.form.getByText("Seed must be a number.")).toBeVisible();
    await expect(seed).toHaveAttribute("aria-invalid", "true");
    expect((await simulator.stats()).calls).toBe(0);
    // Cleared, it is an empty seed again: a random one, said as such.
    await playground.form.getByRole("button", { name: "Clear" }).click();
    await expect(seed).toHaveAttribute("aria-invalid", "false");
  });

  test("the negative prompt stops at 500 characters and says so", async ({ playground, page }) => {
    await playground.negativePrompt.focus();
    await page.keyboard.insertText("x".repeat(520));
    await expect(playground.negativePrompt).toHaveValue("x".repeat(500));
    // The counter shown (a hidden live region beside it says the same once, as the text reaches the limit).
    await expect(playground.form.locator("[id$=-count]", { hasText: "500/500" })).toBeVisible();
    await expect(page.getByText("Limit reached: the model reads at most 500 characters.")).toBeVisible();
  });

  test("an emoji typed as the negative prompt's last character is put in, and counted as one", async ({ playground, page }) => {
    await playground.negativePrompt.focus();
    await page.keyboard.insertText("x".repeat(499));
    await page.keyboard.insertText("😀");
    await expect(playground.negativePrompt).toHaveValue(`${"x".repeat(499)}😀`);
    await expect(playground.form.locator("[id$=-count]", { hasText: "500/500" })).toBeVisible();
    await page.keyboard.insertText("z");
    await expect(playground.negativePrompt).toHaveValue(`${"x".repeat(499)}😀`);
  });

  test("the compare form's negative prompt says so when it is full, as the one model form's does", async ({ compare, page }) => {
    await compare.open();
    const field = compare.form.getByLabel("Negative prompt", { exact: true });
    await field.focus();
    await page.keyboard.insertText("y".repeat(520));
    await expect(field).toHaveValue("y".repeat(500));
    await expect(compare.form.getByText("Limit reached: the model reads at most 500 characters.")).toBeVisible();
  });

  test("a paste longer than the compare form's negative prompt takes is said, not cut without a word", async ({ compare, page }) => {
    await compare.open();
    const field = compare.form.getByLabel("Negative prompt", { exact: true });
    // What the clipboard held, as the browser hands a paste to the page.
    await field.evaluate((element, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, "y".repeat(700));
    await expect(compare.form.getByText("Only the first 500 of 700 pasted characters fit: the negative prompt stops at 500.")).toBeVisible();
    await expect(page.getByText("Sent to the models that take one.")).toHaveCount(0);
  });

  test("a pasted negative prompt of emoji is counted in characters, as the model counts it, not cut at half", async ({ playground, page }) => {
    const paste = (text: string) =>
      playground.negativePrompt.evaluate((element, pasted) => {
        const data = new DataTransfer();
        data.setData("text/plain", pasted);
        element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
    // Two UTF-16 units each: the field's own maxLength would have kept 250 of them.
    await paste("🐱".repeat(300));
    await expect(playground.negativePrompt).toHaveValue("🐱".repeat(300));
    await expect(page.getByText("300/500")).toBeVisible();
    await paste("🐟".repeat(250));
    await expect(playground.negativePrompt).toHaveValue("🐱".repeat(300) + "🐟".repeat(200));
    await expect(page.getByText("Only the first 200 of 250 pasted characters fit: the negative prompt stops at 500.")).toBeVisible();
  });
});
