import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
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
  await expect(failure(interrupted)).toHaveText("The server running this generation stopped (or lost its database) before it ended. Retry it to run it again.");
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

/** Within this a stop must end the server, a tab's open stream included: well before the last-resort exit at 10 s. */
const STOPS_WITHIN_MS = 5_000;
const isStream = (url: string) => new URL(url).pathname === "/api/events";

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`${signal} stops the server within seconds with a tab open, frees its DATA_DIR, and the tab reconnects to the next start`, async ({ page, request }) => {
    test.setTimeout(90_000);
    rmSync(DATA_DIR, { recursive: true, force: true });
    server = await startAppServer(RESTART_APP_PORT, env);
    const playground = new PlaygroundPage(page);
    const streaming = page.waitForResponse((response) => isStream(response.url()));
    await page.goto(server.url);
    await streaming;

    const exit = await server.stop(signal, STOPS_WITHIN_MS);
    expect(exit, `the server still ran ${STOPS_WITHIN_MS} ms after ${signal}`).not.toBeNull();
    expect(existsSync(join(DATA_DIR, "playground.pid"))).toBe(false);

    // The same DATA_DIR starts again, and the open tab's stream comes back to it by itself.
    const reconnected = page.waitForResponse((response) => isStream(response.url()) && response.ok(), { timeout: 30_000 });
    server = await startAppServer(RESTART_APP_PORT, env);
    await reconnected;
    const prompt = `Made after the ${signal} restart`;
    const made = await request.post(`${server.url}/api/generations`, { data: { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed: 3, promptExtend: false, watermark: false }, headers: { origin: server.url } });
    expect(made.status()).toBe(202);
    await expect(playground.results.filter({ hasText: prompt }).getByRole("img")).toBeVisible({ timeout: 30_000 });
  });
}

test("npm start, sent SIGTERM alone as a process manager may, stops its server with a stream open, and exits with the server's code", async () => {
  test.setTimeout(60_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = await startAppServer(RESTART_APP_PORT, env, "npm-start");
  const stream = await fetch(`${server.url}/api/events`);
  const reader = stream.body?.getReader();
  if (!reader) throw new Error("no stream");
  await reader.read();

  expect(await server.stop("SIGTERM", STOPS_WITHIN_MS, "process")).toEqual({ code: 143, signal: null });
  expect(existsSync(join(DATA_DIR, "playground.pid"))).toBe(false);
  await expect(fetch(server.url)).rejects.toThrow();
});
