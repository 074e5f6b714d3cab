import { expect, test } from "@playwright/test";
import { clearHistory, PlaygroundPage } from "./fixtures";

test("with no API key the playground says it is an offline demo, and still generates", async ({ page, request }) => {
  await clearHistory(request);
  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(page.getByText("Offline demo: synthetic images, no model is called")).toBeVisible();

  await playground.chooseModel("Qwen-Image Max");
  await playground.sizePreset("928*1664").check();
  await playground.prompt.fill("春节庙会的灯笼，写着“福”字的海报");
  await playground.generateButton.click();

  const image = playground.latest().getByRole("img");
  await expect(image).toHaveAttribute("src", /^\/api\/images\/[\w-]+\/thumb$/);
  await expect(image).toHaveJSProperty("complete", true);
  expect(await playground.fullImageSize(playground.latest())).toEqual([928, 1664]);
  await expect(playground.latest().getByTestId("revised-prompt")).toContainText("福");
  // What it would cost live is shown as such: the demo bills nothing.
  await expect(page.getByTestId("usage")).toContainText("(offline demo: nothing billed)");
});

test("Check connection in the offline demo checks the built-in simulator, and says so", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Check connection" }).click();
  const dialog = page.getByRole("dialog", { name: "Check the connection to the gateway" });
  await expect(dialog.getByRole("note")).toHaveText(/Offline demo: this checked the built-in simulator, not the real gateway\./);
  await expect(dialog.getByText("15 of 15 models answer.")).toBeVisible();
  // Nothing in it reads as a live gateway: the simulator answered, and no real key was checked.
  await expect(dialog.getByText("The built-in simulator answers (HTTP 401 to a request without a key).")).toBeVisible();
  await expect(dialog.getByText("No API key is set: the simulator took its own stand-in key, so no real key was checked.")).toBeVisible();
  await expect(dialog.getByText("The API key is accepted.")).toHaveCount(0);
});
