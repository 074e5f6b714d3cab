import { execFileSync } from "node:child_process";
import { expect, test } from "./fixtures";
import { CANARY_KEY } from "./ports";

test.describe("seeing what happened, and taking it elsewhere", () => {
  test("the diff between an English prompt and its revised prompt", async ({ playground }) => {
    await playground.prompt.fill("A red fox in the snow");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    const revised = (await result.getByTestId("revised-prompt").textContent()) ?? "";
    await result.getByRole("button", { name: "Show what the rewriter changed" }).click();
    const diff = result.getByTestId("prompt-diff");
    await expect(diff).toContainText(/The rewriter added \d+ words? and dropped 0\./);
    await expect(diff.locator("ins").first()).toBeVisible();
    expect((await diff.locator("p").last().textContent()) ?? "").toBe(revised);
    await result.getByRole("button", { name: "Show the revised prompt" }).click();
    await expect(result.getByTestId("revised-prompt")).toHaveText(revised);
  });

  test("the diff segments a Chinese prompt into words", async ({ playground }) => {
    await playground.chooseModel("Qwen-Image");
    await playground.prompt.fill("岳阳楼的青花瓷花瓶");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    await result.getByRole("button", { name: "Show what the rewriter changed" }).click();
    const diff = result.getByTestId("prompt-diff");
    await expect(diff.locator("ins").first()).toContainText(/[\u4e00-\u9fff]/);
    await expect(diff).toContainText(/The rewriter added [1-9]\d* words? and dropped 0\./);
  });

  test("the copied cURL runs as it is against the gateway (here the simulator) and answers 200", async ({ playground, simulator }) => {
    await playground.chooseModel("Wan 2.2 flash");
    await playground.prompt.fill("Tom's \"quoted\" tea house at $HOME");
    await playground.openMoreOptions();
    await playground.form.getByLabel("Seed", { exact: true }).fill("77");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    await result.getByRole("button", { name: "Copy as code" }).click();
    const dialog = playground.page.getByRole("dialog", { name: "Request as code" });
    const curl = (await dialog.getByRole("region", { name: "cURL" }).locator("pre").textContent()) ?? "";
    expect(curl).not.toContain(CANARY_KEY);
    await expect(dialog.getByRole("region", { name: "JavaScript (fetch)" })).toContainText("process.env.ONETOKEN_API_KEY");
    await playground.page.keyboard.press("Escape");

    await simulator.reset();
    const status = execFileSync("bash", ["-c", `${curl} -s -o /dev/null -w '%{http_code}'`], {
      env: { ...process.env, ONETOKEN_API_KEY: CANARY_KEY },
    }).toString();
    expect(status).toBe("200");
    expect((await simulator.stats()).lastRequest).toMatchObject({ model: "wan2.2-t2i-flash", seed: 77, prompt: "Tom's \"quoted\" tea house at $HOME" });
  });

  test("a run of more than 4 images asks once before it spends", async ({ playground, simulator, page }) => {
    await playground.chooseModel("Qwen-Image 2.0 Pro");
    await playground.sizePreset("1024*1024").check();
    await playground.form.getByLabel("Number of images").fill("6");
    await playground.prompt.fill("Six lanterns");
    await playground.generateButton.click();
    const ask = page.getByRole("alertdialog");
    await expect(ask).toHaveText(/This run creates 6 images, about \$0\.42 \(an estimate\), and each one is billed\. Generate them\?/);
    await ask.getByRole("button", { name: "Not now" }).click();
    await expect(ask).toHaveCount(0);
    await expect(playground.generateButton).toBeFocused();
    await playground.generateButton.click();
    await page.keyboard.press("Escape");
    await expect(ask).toHaveCount(0);
    // A change to the form closes the question: a yes never sends what the form no longer shows.
    await playground.generateButton.click();
    await expect(ask).toBeVisible();
    await playground.prompt.fill("Six paper lanterns");
    await expect(ask).toHaveCount(0);
    // Enter pressed twice on Generate, or held: the question opens on its Yes, and the second press is not an answer.
    await playground.generateButton.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.keyboard.down("Enter");
    await expect(ask).toBeVisible();
    await page.keyboard.up("Enter");
    await expect(page.getByRole("button", { name: "Generate 6 images" })).toBeFocused();
    expect((await simulator.stats()).calls).toBe(0);
    await page.keyboard.press("Escape");

    await playground.generateButton.click();
    await page.getByRole("button", { name: "Generate 6 images" }).click();
    await expect(playground.latest().getByRole("img")).toHaveCount(6, { timeout: 20_000 });
    expect((await simulator.stats()).calls).toBe(1);
  });
});
