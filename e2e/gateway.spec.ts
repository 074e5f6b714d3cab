import { expect, failure, test } from "./fixtures";

/**
 * A gateway that passes Model Studio's own answers through, as a person meets it: a task followed to its end,
 * a partial answer, a failure with the ids to quote to support; and "Check connection".
 */

test.describe("the real gateway's every answer", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("a task followed to its end, a partial answer and a failure, each with its request id", async ({ playground, simulator, page }) => {
    // An asynchronous task: the page waits while the server follows it, then shows the images.
    await simulator.configure({ answerShape: "task", latencyMs: 1_500 });
    await playground.chooseModel("Wan 2.6");
    await playground.prompt.fill("A flower shop with exquisite windows and a wooden door");
    await playground.form.getByLabel("Number of images").fill("2");
    await playground.generateButton.click();
    const task = playground.latest();
    await expect(task.getByRole("timer", { name: "Elapsed time" })).toBeVisible();
    await expect(task.getByRole("img")).toHaveCount(2, { timeout: 15_000 });
    await expect(task.getByTestId("revised-prompt").first()).toContainText("A flower shop");
    expect((await simulator.stats()).taskQueries).toBeGreaterThanOrEqual(1);
    const requestId = task.locator("dt:text-is('Request id') + dd code");
    await expect(requestId).toHaveText(/^[0-9a-f-]{36}$/);
    await expect(task.locator("dt:text-is('Task id') + dd code")).toHaveText(/^[0-9a-f-]{36}$/);
    await task.getByRole("button", { name: "Copy Request id" }).click();
    await expect(task.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await requestId.textContent());

    // A partial answer: what came is kept, and the card says what did not.
    await simulator.configure({ answerShape: "multimodal", latencyMs: 300 });
    await simulator.fault("partial");
    await playground.prompt.fill("Two lanterns over a river at dusk");
    await playground.generateButton.click();
    const partial = playground.latest();
    await expect(partial.getByRole("img")).toHaveCount(1);
    const note = partial.getByRole("note", { name: "What the gateway's answer lacked" });
    await expect(note).toContainText("The gateway returned 1 of the 2 images asked for.");
    await expect(note).toContainText("The model stopped early (finish reason: content_filter).");
    await expect(partial.locator("dt:text-is('Images') + dd")).toHaveText("2 asked, 1 billed");
    await expect(partial).toContainText("Done");

    // A task that fails: the error in plain words, with both ids to quote.
    await simulator.fault("task_failed");
    await playground.prompt.fill("A kite over the sea");
    await playground.generateButton.click();
    const failed = playground.latest();
    const alert = failure(failed);
    await expect(alert).toContainText("The image service failed on its side; try again.");
    await expect(alert).toContainText(/Request id: [0-9a-f-]{36}/);
    await expect(alert).toContainText(/Task id: [0-9a-f-]{36}/);
    await expect(alert.getByRole("button", { name: "Copy Task id" })).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/gateway-answers.png", fullPage: true });
  });

  test("Check connection says what answers, without spending", async ({ playground, simulator, page }) => {
    await page.getByRole("button", { name: "Check connection" }).click();
    const dialog = page.getByRole("dialog", { name: "Check the connection to the gateway" });
    await expect(dialog.getByText("The API key is accepted.")).toBeVisible();
    await expect(dialog.getByText("15 of 15 models answer.")).toBeVisible();
    await expect(dialog.getByRole("row", { name: /Qwen-Image Edit Plus/ })).toContainText("Answers: it refused the test's settings");
    expect((await simulator.stats()).succeeded).toBe(0);
    await dialog.screenshot({ path: "test-results/screenshots/check-connection.png" });

    // One model the key may not use: the check names it, and the others still answer.
    await simulator.fault("access_denied", { model: "qwen-image-max" });
    await dialog.getByRole("button", { name: "Check again" }).click();
    await expect(dialog.getByText("14 of 15 models answer.")).toBeVisible();
    await expect(dialog.getByRole("row", { name: /Qwen-Image Max/ })).toContainText("The key may not use this model.");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Check connection" })).toBeFocused();
    await expect(playground.results).toHaveCount(0);
  });
});
