import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { failure, PlaygroundPage } from "./fixtures";
import { RESTART_APP_PORT } from "./ports";
import { startAppServer, type AppServer } from "./server-process";

const DATA_DIR = ".data/e2e-restart";
const env = { DATA_DIR, SIMULATOR_LATENCY_MS: "2500", PLAYGROUND_PASSWORD: "" };
let server: AppServer | undefined;

test.afterEach(() => server?.kill());

test("the history survives a killed server; what was running is marked interrupted and can be retried", async ({ page }) => {
  test.setTimeout(90_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = await startAppServer(RESTART_APP_PORT, env);
  const playground = new PlaygroundPage(page);
  await page.goto(server.url);

  await playground.prompt.fill("Kept across restarts");
  await playground.generateButton.click();
  await expect(playground.latest().getByRole("img")).toBeVisible({ timeout: 30_000 });

  await playground.prompt.fill("Running when the server dies");
  await playground.generateButton.click();
  await expect(playground.latest().getByRole("timer", { name: "Elapsed time" })).toBeVisible();
  server.kill();

  server = await startAppServer(RESTART_APP_PORT, env);
  await page.reload();
  const interrupted = playground.results.filter({ hasText: "Running when the server dies" });
  await expect(interrupted).toContainText("Interrupted");
  await expect(failure(interrupted)).toHaveText("The server stopped while this generation was running. Retry it to run it again.");
  const kept = playground.results.filter({ hasText: "Kept across restarts" });
  await expect(kept.getByRole("img")).toHaveJSProperty("complete", true);
  expect(await kept.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // Typed meanwhile, then Retry: the form shows what runs again, and what was typed can be put back.
  await playground.prompt.fill("Something typed after the restart");
  await interrupted.getByRole("button", { name: "Retry" }).click();
  await expect(playground.prompt).toHaveValue("Running when the server dies");
  await expect(playground.results).toHaveCount(3);
  await playground.form.getByRole("button", { name: "Put mine back" }).click();
  await expect(playground.prompt).toHaveValue("Something typed after the restart");
  await expect(playground.latest()).toContainText("Running when the server dies");
  await expect(playground.latest().getByRole("img")).toBeVisible({ timeout: 30_000 });
});
